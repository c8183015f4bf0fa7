package fableforge.image;

import fableforge.provider.ProviderException;
import java.util.List;

/**
 * Port: the pictures a story's scenes are drawn to match (consistency by reference). A generator that
 * can draw from references asks for them per scene: the story's character sheet (painted by the
 * generator the first time, once per story) and, once the user approved it, scene 1 as accepted.
 */
public interface ReferenceImages {

    /** No reference: every scene is drawn from its prompt alone. */
    ReferenceImages NONE = (request, painter) -> List.of();

    /**
     * The references for {@code request}'s scene, the character sheet first, painting it with
     * {@code painter} if this story has none yet; empty when references are off.
     */
    List<Reference> referencesFor(ImageRequest request, SheetPainter painter) throws ProviderException, InterruptedException;

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
