package fableforge.image.sdwebui;

import fableforge.image.GeneratedImage;
import fableforge.image.ImageHeader;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import java.util.Base64;
import java.util.Optional;

/**
 * One image of a txt2img answer: base64 of the file in the WebUI's "samples format" (PNG unless the
 * user changed Settings → Saving images). Its size is read from the file's header, never decoded.
 */
final class EncodedImage {

    private EncodedImage() {
    }

    static GeneratedImage decode(String base64) throws ProviderException {
        // Some forks answer with a data URL instead of bare base64.
        String bare = base64.startsWith("data:") ? base64.substring(base64.indexOf(',') + 1) : base64;
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(bare);
        } catch (IllegalArgumentException e) {
            throw malformed("the image is not valid base64");
        }
        ImageHeader header = ImageHeader.read(bytes)
                .orElseThrow(() -> malformed("the image is neither PNG nor JPEG (" + bytes.length + " bytes)"));
        if (header.contentType().equals("image/webp")) {
            // The same format comes back on every call: trying again cannot help.
            throw new ProviderException(new ProviderError.BadRequest("Stable Diffusion WebUI answers in WebP, which FableForge "
                    + "cannot decode; set Settings → Saving images → File format to png"));
        }
        Optional<String> tooLarge = header.tooLargeToDecode();
        if (tooLarge.isPresent()) {
            throw malformed("it " + tooLarge.get());
        }
        return new GeneratedImage(bytes, header.contentType(), header.width(), header.height());
    }

    private static ProviderException malformed(String why) {
        return new ProviderException(new ProviderError.Transient("Stable Diffusion WebUI answered with a malformed image: " + why));
    }
}
