package fableforge.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MediaUrlsTest {

    @Test
    void withoutAPublicBaseUrlEveryOwnMediaUrlIsAnAbsolutePath() {
        MediaUrls urls = MediaUrls.of(Optional.empty());
        assertThat(urls.forClient("media/stories/a/scene-01-a1.png")).isEqualTo("/media/stories/a/scene-01-a1.png");
        assertThat(urls.forClient("/media/stories/a/scene-01-a1.png")).isEqualTo("/media/stories/a/scene-01-a1.png");
        assertThat(urls.ofKey("stories/a/video-v1.mp4")).isEqualTo("/media/stories/a/video-v1.mp4");
    }

    @Test
    void aPublicBaseUrlWithASubPathPrefixesOwnMediaAndLeavesOtherHostsAlone() {
        MediaUrls urls = MediaUrls.of(Optional.of(URI.create("https://host.example/ff/")));
        assertThat(urls.prefix()).isEqualTo("https://host.example/ff/media/");
        assertThat(urls.forClient("media/stories/a/scene-01-a1.png")).isEqualTo("https://host.example/ff/media/stories/a/scene-01-a1.png");
        assertThat(urls.forClient("/media/x.png")).isEqualTo("https://host.example/ff/media/x.png");
        assertThat(urls.forClient("https://res.cloudinary.com/demo/image/upload/x.png")).isEqualTo("https://res.cloudinary.com/demo/image/upload/x.png");
        assertThat(urls.forClient(null)).isNull();
    }

    @Test
    void anOwnUrlResolvesToTheMediaRouteFromAnyDocument() {
        for (String document : new String[] {"http://h/story/abc", "http://h/api/stories", "http://h/stream?channel=abc"}) {
            assertThat(URI.create(document).resolve(MediaUrls.ROOT.forClient("media/k.png")).getPath()).isEqualTo("/media/k.png");
        }
    }
}
