package fableforge.image;

/** An image a provider produced, as encoded bytes (PNG for the offline illustrator). */
public record GeneratedImage(byte[] bytes, String contentType, int width, int height) {

    public String fileExtension() {
        return switch (contentType) {
            case "image/jpeg" -> "jpg";
            case "image/webp" -> "webp";
            default -> "png";
        };
    }
}
