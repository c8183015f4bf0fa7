package fableforge.image.sdwebui;

import fableforge.image.GeneratedImage;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * One image of a txt2img answer: base64 of the file in the WebUI's "samples format" (PNG unless the
 * user changed Settings → Saving images). Its size is read from the file's header, never decoded.
 */
final class EncodedImage {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private EncodedImage() {
    }

    static GeneratedImage decode(String base64) throws ProviderException {
        // Some forks answer with a data URL instead of bare base64.
        String bare = base64.startsWith("data:") ? base64.substring(base64.indexOf(',') + 1) : base64;
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(bare);
        } catch (IllegalArgumentException e) {
            throw malformed("the image is not valid base64", e);
        }
        if (isPng(bytes)) {
            return png(bytes);
        }
        if (bytes.length > 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8) {
            return jpeg(bytes);
        }
        if (bytes.length > 12 && new String(bytes, 8, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("WEBP")) {
            // The same format comes back on every call: trying again cannot help.
            throw new ProviderException(new ProviderError.BadRequest("Stable Diffusion WebUI answers in WebP, which FableForge "
                    + "cannot size; set Settings → Saving images → File format to png"));
        }
        throw malformed("the image is neither PNG nor JPEG (" + bytes.length + " bytes)", null);
    }

    private static boolean isPng(byte[] bytes) {
        if (bytes.length < 24) {
            return false;
        }
        for (int i = 0; i < PNG_SIGNATURE.length; i++) {
            if (bytes[i] != PNG_SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    /** The IHDR chunk always comes first: width and height are big-endian ints at bytes 16 and 20. */
    private static GeneratedImage png(byte[] bytes) throws ProviderException {
        ByteBuffer header = ByteBuffer.wrap(bytes);
        if (header.getInt(12) != 0x49484452) {
            throw malformed("the PNG has no IHDR header", null);
        }
        int width = header.getInt(16);
        int height = header.getInt(20);
        if (width <= 0 || height <= 0) {
            throw malformed("the PNG header says " + width + "x" + height, null);
        }
        return new GeneratedImage(bytes, "image/png", width, height);
    }

    private static GeneratedImage jpeg(byte[] bytes) throws ProviderException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw malformed("the JPEG cannot be read", null);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return new GeneratedImage(bytes, "image/jpeg", reader.getWidth(0), reader.getHeight(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw malformed("the JPEG header cannot be read", e);
        }
    }

    private static ProviderException malformed(String why, Throwable cause) {
        return new ProviderException(new ProviderError.Transient("Stable Diffusion WebUI answered with a malformed image: " + why), cause);
    }
}
