package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fableforge.fake.FakeCloudinary;
import fableforge.fake.FakeS3;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole web flow (submit, approve scenes, 20 offline images) with the images kept at Cloudinary
 * or in an S3 bucket, both loopback fakes: the URLs the story shows are theirs and load the PNGs.
 */
class RemoteMediaWebFlowTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G'};

    @TempDir
    Path data;

    private TestApp app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    private JsonNode twentyImagesWith(Map<String, String> environment) throws Exception {
        app = TestApp.start(environment, data);
        String id = app.submitAndApprove(TestApp.redFoxQuiz());
        JsonNode current = app.waitFor(id, story -> story.get("status").asText().matches("images_ready|error"));
        assertThat(current.get("status").asText()).as(current.toString()).isEqualTo("images_ready");
        assertThat(current.get("images").size()).isEqualTo(20);
        JsonNode health = app.get("/health");
        assertThat(health.at("/providers/media/adapter").asText()).isEqualTo(environment.get("MEDIA_STORE"));
        return current;
    }

    private static void assertPng(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(Arrays.copyOf(response.body(), 4)).isEqualTo(PNG_SIGNATURE);
    }

    @Test
    void withCloudinaryTheStoryShowsSecureUrlsThatServeTheImages() throws Exception {
        try (FakeCloudinary cloudinary = new FakeCloudinary("fable-cloud", "key-123", "right-secret", Clock.systemUTC())) {
            JsonNode story = twentyImagesWith(Map.of(
                    "MEDIA_STORE", "cloudinary",
                    "CLOUDINARY_URL", "cloudinary://key-123:right-secret@fable-cloud",
                    "CLOUDINARY_API_BASE_URL", cloudinary.apiBaseUrl(),
                    "CLOUDINARY_DELIVERY_BASE_URL", cloudinary.deliveryBaseUrl()));

            String id = story.get("story_id").asText();
            assertThat(cloudinary.assetCount()).as("20 images and their thumbnails").isEqualTo(40);
            for (int scene = 1; scene <= 20; scene++) {
                String url = story.get("images").get(Integer.toString(scene)).get("url").asText();
                String publicId = "fableforge/stories/%s/scene-%02d-a1".formatted(id, scene);
                assertThat(url).matches(cloudinary.deliveryBaseUrl() + "/fable-cloud/image/upload/v\\d+/" + publicId + "\\.png");
                HttpResponse<byte[]> image = app.fetch(URI.create(url));
                assertPng(image);
                assertThat(image.body()).isEqualTo(cloudinary.asset("image", publicId).orElseThrow().bytes());
                assertThat(cloudinary.asset("image", publicId + ".png.thumb")).as("thumbnail of scene %d", scene).isPresent();
            }
            HttpResponse<byte[]> throughTheApp = app.fetch(app.uri("/media/stories/" + id + "/scene-01-a1.png"));
            assertPng(throughTheApp);
            String thumbUrl = story.get("images").get("1").get("thumb_url").asText();
            // Served by the app from Cloudinary, as the image is.
            HttpResponse<byte[]> thumb = app.fetch(app.uri("/" + thumbUrl.replaceFirst("^/", "")));
            assertThat(thumb.statusCode()).as(thumbUrl).isEqualTo(200);
            assertThat(thumb.headers().firstValue("Content-Type")).contains("image/jpeg");
            assertThat(thumb.body()).startsWith((byte) 0xFF, (byte) 0xD8, (byte) 0xFF);
        }
    }

    @Test
    void withAnUnsignedCloudinaryPresetTheImagesAreStoredToo() throws Exception {
        try (FakeCloudinary cloudinary = new FakeCloudinary("fable-cloud", "key-123", "right-secret", Clock.systemUTC())
                .withUnsignedPreset("fable-unsigned", false)) {
            JsonNode story = twentyImagesWith(Map.of(
                    "MEDIA_STORE", "cloudinary",
                    "CLOUDINARY_CLOUD_NAME", "fable-cloud",
                    "CLOUDINARY_PRESET", "fable-unsigned",
                    "CLOUDINARY_FOLDER", "tales",
                    "CLOUDINARY_API_BASE_URL", cloudinary.apiBaseUrl(),
                    "CLOUDINARY_DELIVERY_BASE_URL", cloudinary.deliveryBaseUrl()));

            assertThat(cloudinary.assetCount()).as("20 images and their thumbnails").isEqualTo(40);
            String url = story.get("images").get("7").get("url").asText();
            assertThat(url).contains("/fable-cloud/image/upload/", "/tales/stories/");
            assertPng(app.fetch(URI.create(url)));
        }
    }

    @Test
    void withAPrivateS3BucketTheStoryShowsAppUrlsThatRedirectToFreshPresignedLinks() throws Exception {
        try (FakeS3 s3 = new FakeS3("AKIDFABLE", "s3-secret", "eu-central-1", Clock.systemUTC()).withBucket("fable-media")) {
            JsonNode story = twentyImagesWith(Map.of(
                    "MEDIA_STORE", "s3",
                    "S3_BUCKET", "fable-media",
                    "S3_REGION", "eu-central-1",
                    "S3_ENDPOINT", s3.url(),
                    "S3_ACCESS_KEY_ID", "AKIDFABLE",
                    "S3_SECRET_ACCESS_KEY", "s3-secret",
                    "S3_PRESIGN_MINUTES", "5"));

            String id = story.get("story_id").asText();
            for (int scene = 1; scene <= 20; scene++) {
                String key = "stories/%s/scene-%02d-a1.png".formatted(id, scene);
                assertThat(story.get("images").get(Integer.toString(scene)).get("url").asText()).isEqualTo("/media/" + key);
                assertThat(s3.object("fable-media", key)).get().satisfies(object -> assertThat(object.contentType()).isEqualTo("image/png"));
                assertThat(s3.object("fable-media", key + ".thumb.jpg")).get()
                        .satisfies(object -> assertThat(object.contentType()).isEqualTo("image/jpeg"));
            }
            HttpResponse<byte[]> redirect = app.fetch(app.uri("/media/stories/" + id + "/scene-03-a1.png"));
            assertThat(redirect.statusCode()).isEqualTo(302);
            assertThat(redirect.headers().firstValue("Cache-Control")).contains("no-store");
            String location = redirect.headers().firstValue("Location").orElseThrow();
            assertThat(location).startsWith(s3.url() + "/fable-media/stories/" + id + "/scene-03-a1.png?").contains("X-Amz-Expires=300");
            HttpResponse<byte[]> image = app.fetch(URI.create(location));
            assertPng(image);
            assertThat(image.body()).isEqualTo(s3.object("fable-media", "stories/" + id + "/scene-03-a1.png").orElseThrow().bytes());
            assertThat(app.fetch(app.uri("/media/stories/" + id + "/.hidden.png")).statusCode())
                    .as("an invalid key is not signed").isEqualTo(404);
        }
    }

    @Test
    void withAPublicS3BaseUrlTheStoryShowsPublicObjectUrls() throws Exception {
        try (FakeS3 s3 = new FakeS3("AKIDFABLE", "s3-secret", "us-east-1", Clock.systemUTC()).withPublicBucket("fable-public")) {
            JsonNode story = twentyImagesWith(Map.of(
                    "MEDIA_STORE", "s3",
                    "S3_BUCKET", "fable-public",
                    "S3_ENDPOINT", s3.url(),
                    "AWS_ACCESS_KEY_ID", "AKIDFABLE",
                    "AWS_SECRET_ACCESS_KEY", "s3-secret",
                    "S3_PUBLIC_BASE_URL", s3.url() + "/fable-public"));

            String id = story.get("story_id").asText();
            String url = story.get("images").get("20").get("url").asText();
            assertThat(url).isEqualTo(s3.url() + "/fable-public/stories/" + id + "/scene-20-a1.png");
            assertPng(app.fetch(URI.create(url)));
        }
    }
}
