package fableforge.video;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.story.AspectRatio;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The editable timeline: well-formed FCPXML with an asset and a clip per scene, titles for captions, 30 fps times. */
class FcpxmlTest {

    private static final Pattern RATIONAL = Pattern.compile("0s|(\\d+)/3000s");

    private static Timeline twentyScenes() {
        List<Timeline.SceneTiming> scenes = new ArrayList<>();
        for (int n = 1; n <= 20; n++) {
            scenes.add(new Timeline.SceneTiming(n, 3 + n % 4 * 1.37, List.of(List.of("Scene " + n + " <b>& \"quoted\""), List.of("page two")),
                    n % 2 == 0));
        }
        return Timeline.build(scenes, 30, 15, 9);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** Frames of a rational time on the 30 fps grid: "n/3000s" must be a whole number of 100/3000 s frames. */
    private static int frames(String time) {
        var match = RATIONAL.matcher(time);
        assertThat(match.matches()).as(time).isTrue();
        if (time.equals("0s")) {
            return 0;
        }
        int hundredths = Integer.parseInt(match.group(1));
        assertThat(hundredths % 100).as(time + " lies on a frame boundary").isZero();
        return hundredths / 100;
    }

    @Test
    void twentySceneTimelineIsWellFormedWithAnAssetAndAClipPerSceneOnThe30FpsGrid() throws Exception {
        Timeline timeline = twentyScenes();
        List<Fcpxml.SceneMedia> media = new ArrayList<>();
        for (int n = 1; n <= 20; n++) {
            media.add(new Fcpxml.SceneMedia(Path.of("/stories/fox/images/scene-%02d.png".formatted(n)), 1080, 1920,
                    n % 2 == 0 ? Optional.of(Path.of("/stories/fox/narration/scene-%02d.wav".formatted(n))) : Optional.empty(), 2.5));
        }

        String xml = Fcpxml.render("Ember the fox", timeline, FrameSize.of(AspectRatio.PORTRAIT), media);
        Document document = parse(xml);

        Element root = document.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("fcpxml");
        assertThat(root.getAttribute("version")).isEqualTo("1.10");
        assertThat(xml).contains("<!DOCTYPE fcpxml>");
        Element format = (Element) document.getElementsByTagName("format").item(0);
        assertThat(format.getAttribute("frameDuration")).isEqualTo("100/3000s");
        assertThat(format.getAttribute("width")).isEqualTo("1080");
        assertThat(format.getAttribute("height")).isEqualTo("1920");

        NodeList assets = document.getElementsByTagName("asset");
        List<String> imageSources = new ArrayList<>();
        for (int i = 0; i < assets.getLength(); i++) {
            Element rep = (Element) ((Element) assets.item(i)).getElementsByTagName("media-rep").item(0);
            if (rep.getAttribute("src").endsWith(".png")) {
                imageSources.add(rep.getAttribute("src"));
            }
        }
        assertThat(imageSources).hasSize(20).first().isEqualTo("file:///stories/fox/images/scene-01.png");

        NodeList clips = ((Element) document.getElementsByTagName("spine").item(0)).getElementsByTagName("video");
        assertThat(clips.getLength()).isEqualTo(20);
        int position = 0;
        for (int i = 0; i < clips.getLength(); i++) {
            Element clip = (Element) clips.item(i);
            assertThat(clip.getAttribute("ref")).isEqualTo("a" + (i + 1));
            assertThat(frames(clip.getAttribute("offset"))).as("clips follow each other").isEqualTo(position);
            int duration = frames(clip.getAttribute("duration"));
            assertThat(duration).isEqualTo(timeline.slots().get(i).ownFrames());
            NodeList titles = clip.getElementsByTagName("title");
            assertThat(titles.getLength()).isEqualTo(2);
            int titleFrames = 0;
            for (int t = 0; t < titles.getLength(); t++) {
                titleFrames += frames(((Element) titles.item(t)).getAttribute("duration"));
            }
            assertThat(titleFrames).as("the captions cover the clip").isEqualTo(duration);
            assertThat(clip.getElementsByTagName("asset-clip").getLength()).isEqualTo((i + 1) % 2 == 0 ? 1 : 0);
            position += duration;
        }
        Element sequence = (Element) document.getElementsByTagName("sequence").item(0);
        assertThat(frames(sequence.getAttribute("duration"))).isEqualTo(position).isEqualTo(timeline.totalFrames());
        assertThat(document.getElementsByTagName("text-style").item(0).getTextContent()).isEqualTo("Scene 1 <b>& \"quoted\"");
    }

    @Test
    void aHostileSceneTextStillMakesWellFormedXmlAndACleanSrt() throws Exception {
        String hostile = "Ember\u0000 \u001b[2J\u202Eevil\u0007\uFFFF \ud800 \u0085 & <b> ]]> \uD83E\uDD8A";
        List<Timeline.SceneTiming> scenes = new ArrayList<>();
        List<Fcpxml.SceneMedia> media = new ArrayList<>();
        for (int n = 1; n <= 20; n++) {
            scenes.add(new Timeline.SceneTiming(n, 3, List.of(List.of(hostile), List.of("line\r\ntwo\u001b")), false));
            media.add(new Fcpxml.SceneMedia(Path.of("images/scene-%02d.png".formatted(n)), 1080, 1920, Optional.empty(), 0));
        }
        Timeline timeline = Timeline.build(scenes, 30, 15, 9);

        String xml = Fcpxml.render("Ember \u0001the fox", timeline, FrameSize.of(AspectRatio.PORTRAIT), media);
        Document document = parse(xml);
        String caption = document.getElementsByTagName("text-style").item(0).getTextContent();
        assertThat(caption).isEqualTo("Ember [2Jevil  \u0085 & <b> ]]> \uD83E\uDD8A");

        String srt = Subtitles.srt(timeline);
        assertThat(srt.chars().filter(c -> c < 0x20 && c != '\r' && c != '\n')).isEmpty();
        assertThat(srt).doesNotContain("\u001b", "\u202E", "\u0000", "\u0085", "\ud800").contains("Ember [2Jevil", "\uD83E\uDD8A");
    }

    @Test
    void relativeMediaPathsBecomeUrlsRelativeToTheTimelineFile() throws Exception {
        Timeline timeline = twentyScenes();
        List<Fcpxml.SceneMedia> media = new ArrayList<>();
        for (int n = 1; n <= 20; n++) {
            media.add(new Fcpxml.SceneMedia(Path.of("images/scene-%02d.png".formatted(n)), 1080, 1920,
                    Optional.of(Path.of("narration", "scene %02d.wav".formatted(n))), 2.5));
        }

        Document document = parse(Fcpxml.render("Ember the fox", timeline, FrameSize.of(AspectRatio.PORTRAIT), media));

        NodeList reps = document.getElementsByTagName("media-rep");
        assertThat(((Element) reps.item(0)).getAttribute("src")).isEqualTo("./images/scene-01.png");
        assertThat(((Element) reps.item(1)).getAttribute("src")).isEqualTo("./narration/scene%2001.wav");
        assertThat(Fcpxml.src(Path.of("/abs/scene-01.png"))).isEqualTo("file:///abs/scene-01.png");
    }

    @Test
    void timesAreRationalSecondsInHundredthsOfAFrameRate() {
        assertThat(Fcpxml.time(0, 30)).isEqualTo("0s");
        assertThat(Fcpxml.time(1, 30)).isEqualTo("100/3000s");
        assertThat(Fcpxml.time(390, 30)).isEqualTo("39000/3000s");
    }
}
