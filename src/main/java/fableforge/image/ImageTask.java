package fableforge.image;

/** One image to make: the provider request and the media key its result is stored under. */
public record ImageTask(ImageRequest request, String mediaKey) {
}
