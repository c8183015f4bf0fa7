package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.fake.FakeOpenAiSpeech;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each user's uploads are held to UPLOAD_QUOTA_MB_PER_USER; the same file again counts once. */
class UserUploadsTest {

    @TempDir
    Path data;

    private TestApp app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void anUploadBeyondTheUsersQuotaIsRefusedWith413SayingHowMuchIsUsed() throws Exception {
        app = TestApp.start(Map.of("UPLOAD_QUOTA_MB_PER_USER", "1"), data);
        byte[] first = FakeOpenAiSpeech.wavTone(10, 24_000);   // 469 KiB
        byte[] second = FakeOpenAiSpeech.wavTone(13, 24_000);  // 609 KiB: together over 1 MiB

        TestApp.Response stored = app.upload("/api/music", first, "audio/wav");
        TestApp.Response again = app.upload("/api/music", first, "audio/wav");
        TestApp.Response over = app.upload("/api/music", second, "audio/wav");

        assertThat(stored.status()).as(stored.text()).isEqualTo(201);
        assertThat(again.status()).as("the same file is one file, counted once").isEqualTo(201);
        assertThat(again.body().get("music_key").asText()).isEqualTo(stored.body().get("music_key").asText());
        assertThat(over.status()).as(over.text()).isEqualTo(413);
        assertThat(over.body().get("error").asText()).isEqualTo("quota_exceeded");
        assertThat(over.body().get("message").asText()).contains("already use 0.5 MB of your 1 MB quota")
                .contains("UPLOAD_QUOTA_MB_PER_USER").doesNotContain(data.toString());
        int rows = app.server().database().jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM user_upload")
                .mapTo(Integer.class).one());
        assertThat(rows).isEqualTo(1);
    }
}
