package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With accounts, the snapshot of ada's story is hers: bob gets the same 404 as for no story, with or without a tag. */
class StorySnapshotAccessTest {

    @TempDir
    static Path dir;

    private static AccountsApp users;

    @BeforeAll
    static void start() throws Exception {
        users = AccountsApp.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        users.close();
    }

    @Test
    void anotherUsersStoryIsNotFoundWhateverTheValidatorAndTheOwnerStillGetsIt() throws Exception {
        String id = ApprovedStories.seed(users.app(), dir, users.ada().account().id());
        HttpResponse<String> own = users.as(users.ada(), "GET", "/story/" + id, null);
        assertThat(own.statusCode()).isEqualTo(200);
        String etag = own.headers().firstValue("ETag").orElseThrow();
        assertThat(users.send("GET", "/story/" + id, null, "Authorization", "Bearer " + users.ada().token(), "If-None-Match", etag)
                .statusCode()).isEqualTo(304);

        String missing = users.as(users.bob(), "GET", "/story/0123456789abcdef0123456789abcdef", null).body();
        for (String ifNoneMatch : new String[] {etag, "*"}) {
            HttpResponse<String> bob = users.send("GET", "/story/" + id, null, "Authorization", "Bearer " + users.bob().token(),
                    "If-None-Match", ifNoneMatch);
            assertThat(bob.statusCode()).isEqualTo(404);
            assertThat(bob.headers().firstValue("ETag")).isEmpty();
            assertThat(bob.body()).isEqualTo(missing.replace("0123456789abcdef0123456789abcdef", id));
        }
        assertThat(users.send("HEAD", "/story/" + id, null, "Authorization", "Bearer " + users.bob().token()).statusCode()).isEqualTo(404);
        assertThat(users.send("GET", "/story/" + id, null).statusCode()).isEqualTo(401);
    }
}
