package fableforge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every secret the configuration can hold is listed by secrets() and never printed by toString(). */
class ConfigSecretsTest {

    private static final String PRIVATE_KEY_LINE = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7";
    private static final List<String> SECRETS = List.of(
            "sk-openai-secret-1", "gemini-secret-2", "webui-password-3", "cloudinary-key-4", "cloudinary-secret-5",
            "s3-access-key-6", "s3-secret-key-7", "kling-access-8", "kling-secret-9", "hailuo-secret-10",
            "pg-password-11", "redis-password-12", "key-id-13", PRIVATE_KEY_LINE);

    @Test
    void aConfigWithEveryKeySetPrintsNoneOfThemAndListsThemAllAsSecrets(@TempDir Path dir) throws Exception {
        Path serviceAccount = dir.resolve("service-account.json");
        Files.writeString(serviceAccount, "{\"type\":\"service_account\",\"private_key_id\":\"key-id-13\",\"private_key\":"
                + "\"-----BEGIN PRIVATE KEY-----\\n" + PRIVATE_KEY_LINE + "\\n-----END PRIVATE KEY-----\\n\","
                + "\"client_email\":\"relay@project.iam.gserviceaccount.com\"}");
        Map<String, String> env = new HashMap<>();
        env.put("OPENAI_API_KEY", "sk-openai-secret-1");
        env.put("GEMINI_API_KEY", "gemini-secret-2");
        env.put("SD_WEBUI_AUTH", "painter:webui-password-3");
        env.put("CLOUDINARY_URL", "cloudinary://cloudinary-key-4:cloudinary-secret-5@demo");
        env.put("S3_BUCKET", "stories");
        env.put("S3_ACCESS_KEY_ID", "s3-access-key-6");
        env.put("S3_SECRET_ACCESS_KEY", "s3-secret-key-7");
        env.put("KLING_API_KEY", "kling-access-8:kling-secret-9");
        env.put("HAILUO_AUTH", "hailuo-secret-10");
        env.put("DATABASE_URL", "postgres://fable:pg-password-11@db.internal:5432/fable");
        env.put("REDIS_URL", "redis://:redis-password-12@cache.internal:6379");
        env.put("USE_GOOGLE_AUTH", "true");
        env.put("GOOGLE_SHEET_ID", "sheet-1");
        env.put("GOOGLE_APPLICATION_CREDENTIALS", serviceAccount.toString());

        Config config = Config.load(env, dir.resolve("none"));

        String printed = config.toString();
        assertThat(printed).contains("[redacted]").contains("Cluster[");
        for (String secret : SECRETS) {
            assertThat(printed).doesNotContain(secret);
        }
        assertThat(config.secrets()).containsAll(SECRETS);
    }

    @Test
    void unsetSecretsPrintAsUnset(@TempDir Path dir) {
        String printed = Config.load(Map.of(), dir.resolve("none")).providers().openAi().toString();

        assertThat(printed).contains("apiKey=<unset>").contains("baseUrl=https://api.openai.com/v1");
    }

    @Test
    void passwordsComeOutOfEveryUrlForm() {
        assertThat(UrlPasswords.of("postgres://user:p%40ss@host/db")).contains("p%40ss", "p@ss");
        assertThat(UrlPasswords.of("jdbc:postgresql://host:5432/db?user=u&password=jdbc-pass")).containsExactly("jdbc-pass", "jdbc-pass");
        assertThat(UrlPasswords.of("redis://only-a-password@host:6379")).contains("only-a-password");
        assertThat(UrlPasswords.of("redis://host:6379/0")).isEmpty();
    }
}
