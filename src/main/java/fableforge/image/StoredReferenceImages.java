package fableforge.image;

import fableforge.media.MediaStore;
import fableforge.media.MediaStoreException;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.store.ImageAttempt;
import fableforge.store.ImageRepository;
import fableforge.store.ImageStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * References kept in the media store: the story's character sheet, painted the first time a scene asks
 * and stored at {@code stories/<id>/character-sheet.png}, so later scenes, a regeneration or a
 * restarted server reuse it instead of paying for another; and the story's approved scene-1 image once
 * the user has approved one (it shows the hero as the user accepted it, in a scene).
 */
public final class StoredReferenceImages implements ReferenceImages {

    private static final int LOCK_STRIPES = 64;

    private final MediaStore media;
    private final Function<String, Optional<String>> approvedSceneOneKey;
    /** Scenes of one story asking at the same moment wait for one painting instead of each paying for one. */
    private final ReentrantLock[] sheetLocks = new ReentrantLock[LOCK_STRIPES];

    private StoredReferenceImages(MediaStore media, Function<String, Optional<String>> approvedSceneOneKey) {
        this.media = media;
        this.approvedSceneOneKey = approvedSceneOneKey;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            sheetLocks[i] = new ReentrantLock();
        }
    }

    /** The web service: the character sheet, and the approved scene 1 when there is one. */
    public static StoredReferenceImages withApprovals(ImageRepository images, MediaStore media) {
        return new StoredReferenceImages(media, storyId -> images.attempts(storyId).stream()
                .filter(attempt -> attempt.scene() == 1 && attempt.status() == ImageStatus.APPROVED)
                .findFirst()
                .map(ImageAttempt::mediaKey));
    }

    /** The command line, where nobody approves images: always the character sheet. */
    public static StoredReferenceImages sheetOnly(MediaStore media) {
        return new StoredReferenceImages(media, storyId -> Optional.empty());
    }

    public static String sheetKey(String storyId) {
        return "stories/" + storyId + "/character-sheet.png";
    }

    @Override
    public List<Reference> referencesFor(ImageRequest request, SheetPainter painter) throws ProviderException, InterruptedException {
        List<Reference> references = new ArrayList<>();
        references.add(characterSheet(request, painter));
        Optional<String> approvedKey = approvedSceneOneKey.apply(request.storyId());
        if (approvedKey.isPresent()) {
            read(approvedKey.get(), "scene-1").ifPresent(references::add);
        }
        return List.copyOf(references);
    }

    private Reference characterSheet(ImageRequest request, SheetPainter painter) throws ProviderException, InterruptedException {
        String key = sheetKey(request.storyId());
        ReentrantLock lock = sheetLocks[Math.floorMod(request.storyId().hashCode(), LOCK_STRIPES)];
        lock.lockInterruptibly();
        try {
            // Nothing records whether the sheet was painted, so ask the store; unlike a read, asking
            // never fails on a store that answers "forbidden" for a missing key (S3 without s3:ListBucket).
            Optional<Reference> stored = sheetExists(key) ? read(key, "character-sheet") : Optional.empty();
            if (stored.isPresent()) {
                return stored.get();
            }
            GeneratedImage sheet = painter.paint(request);
            try {
                media.put(key, sheet.bytes(), sheet.contentType());
            } catch (IOException e) {
                throw storeFailure("could not store the character sheet: ", e);
            }
            return new Reference(sheet.bytes(), sheet.contentType(), "character-sheet");
        } finally {
            lock.unlock();
        }
    }

    private boolean sheetExists(String key) throws ProviderException {
        try {
            return media.exists(key);
        } catch (IOException e) {
            throw storeFailure("could not look for the character sheet " + key + ": ", e);
        }
    }

    /**
     * A remote store's failure keeps its own classification, whose message already names the key and
     * the reason (a refused bucket policy is not worth retrying); any other I/O failure is transient.
     */
    private static ProviderException storeFailure(String what, IOException e) {
        if (e instanceof MediaStoreException store) {
            return new ProviderException(store.error(), e);
        }
        return new ProviderException(new ProviderError.Transient(what + e.getMessage()), e);
    }

    /** Reads a key we have reason to think is there (the approved scene 1 from our records, a sheet the store has). */
    private Optional<Reference> read(String key, String source) throws ProviderException {
        try {
            Optional<InputStream> opened = media.open(key);
            if (opened.isEmpty()) {
                return Optional.empty();
            }
            byte[] bytes;
            try (InputStream in = opened.get()) {
                bytes = in.readAllBytes();
            }
            // Bytes that are not an image (a half-written file from another store) are no reference.
            return ImageHeader.read(bytes).map(header -> new Reference(bytes, header.contentType(), source));
        } catch (IOException e) {
            throw storeFailure("could not read the reference image " + key + ": ", e);
        }
    }
}
