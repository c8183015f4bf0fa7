package fableforge.store;

import java.time.Instant;

/**
 * One try at a scene's image: the first is attempt 1, each regeneration adds the next number. Fields
 * filled later in the attempt's life are {@code null} until then: {@code finalPrompt}, {@code url},
 * {@code mediaKey}, {@code width}, {@code height} once produced; {@code error} once failed;
 * {@code rejectReason} once rejected; {@code startedAt}, {@code finishedAt}, {@code decidedAt}
 * (approval or rejection) when those happen. {@code subject} is where the hero is in the image (image
 * pixels) when the generator said; {@code null} otherwise.
 */
public record ImageAttempt(
        String storyId,
        int scene,
        int attempt,
        ImageStatus status,
        String prompt,
        String finalPrompt,
        String url,
        String mediaKey,
        Integer width,
        Integer height,
        int tries,
        String error,
        String rejectReason,
        Instant queuedAt,
        Instant startedAt,
        Instant finishedAt,
        Instant decidedAt,
        java.awt.Rectangle subject) {

    public ImageAttempt {
        subject = subject == null ? null : new java.awt.Rectangle(subject);
    }

    /** Where the hero is in the image, when known. */
    public java.util.Optional<java.awt.Rectangle> subjectBox() {
        return java.util.Optional.ofNullable(subject).map(java.awt.Rectangle::new);
    }

    /** True once the job has ended, with an image or without. */
    public boolean finished() {
        return status != ImageStatus.QUEUED && status != ImageStatus.RUNNING;
    }

    /** True when the attempt has an image for the user to see. */
    public boolean produced() {
        return status == ImageStatus.PENDING_APPROVAL || status == ImageStatus.APPROVED;
    }
}
