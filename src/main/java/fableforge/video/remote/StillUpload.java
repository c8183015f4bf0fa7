package fableforge.video.remote;

import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.video.ClipRequest;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The still as an image-to-video service gets it: only its picture (a frame drawn around it would
 * otherwise move with the clip). A still that is all picture and within the service's size limit goes
 * as it is; a cropped one as PNG, or as JPEG when the PNG is over the limit.
 */
public record StillUpload(byte[] bytes, String mimeType) {

    private static final int MIN_PICTURE = 16;

    public static StillUpload of(ClipRequest request, long maxBytes) throws ProviderException {
        BufferedImage still;
        try {
            still = ImageIO.read(new ByteArrayInputStream(request.still()));
        } catch (IOException e) {
            still = null;
        }
        if (still == null) {
            throw new ProviderException(new ProviderError.BadRequest("scene " + request.scene().number() + ": the image is not a PNG or JPEG file"));
        }
        Rectangle whole = new Rectangle(still.getWidth(), still.getHeight());
        Rectangle area = request.picture().map(picture -> picture.intersection(whole)).orElse(whole);
        if (area.equals(whole) || area.width < MIN_PICTURE || area.height < MIN_PICTURE) {
            if (request.still().length <= maxBytes) {
                return new StillUpload(request.still(), isPng(request.still()) ? "image/png" : "image/jpeg");
            }
        } else {
            still = still.getSubimage(area.x, area.y, area.width, area.height);
        }
        byte[] png = encode(still, "png", 1f);
        if (png.length <= maxBytes) {
            return new StillUpload(png, "image/png");
        }
        for (float quality : new float[] {0.92f, 0.8f, 0.6f}) {
            byte[] jpeg = encode(opaque(still), "jpeg", quality);
            if (jpeg.length <= maxBytes) {
                return new StillUpload(jpeg, "image/jpeg");
            }
        }
        throw new ProviderException(new ProviderError.BadRequest("scene " + request.scene().number() + ": the image stays over "
                + maxBytes / 1_000_000 + " MB even as a JPEG"));
    }

    private static boolean isPng(byte[] bytes) {
        return bytes.length > 4 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    public String dataUri() {
        return "data:" + mimeType + ";base64," + base64();
    }

    private static BufferedImage opaque(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.createGraphics().drawImage(image, 0, 0, java.awt.Color.WHITE, null);
        return rgb;
    }

    private static byte[] encode(BufferedImage image, String format, float quality) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format.equals("jpeg")) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("encoding an image in memory failed", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
