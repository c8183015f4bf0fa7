package fableforge.image;

import fableforge.provider.ProviderException;
import java.util.Optional;

/**
 * Port: the picture a story's scenes are drawn to match (consistency by reference). A generator that
 * can draw from a reference asks for one per scene; when the story has none yet, the source has the
 * generator paint a character sheet, once per story.
 */
public interface ReferenceImages {

    /** No reference: every scene is drawn from its prompt alone. */
    ReferenceImages NONE = (request, painter) -> Optional.empty();

    /**
     * The reference for {@code request}'s scene, painting the story's character sheet with
     * {@code painter} if this story needs one and has none yet.
     */
    Optional<Reference> referenceFor(ImageRequest request, SheetPainter painter) throws ProviderException, InterruptedException;

    /** Paints a story's character sheet: one paid provider call. */
    @FunctionalInterface
    interface SheetPainter {
        GeneratedImage paint(ImageRequest request) throws ProviderException, InterruptedException;
    }

    /**
     * An image to draw from.
     *
     * @param source what it is, for logs and tests: {@code scene-1} or {@code character-sheet}
     */
    record Reference(byte[] bytes, String contentType, String source) {
    }
}
