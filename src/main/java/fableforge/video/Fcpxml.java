package fableforge.video;

import fableforge.text.SafeText;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The video as an editable timeline (FCPXML 1.10, which Final Cut Pro, DaVinci Resolve and Premiere
 * import): one clip per scene from its still, cut where the video cuts, each caption page as a title
 * above it, and each narration as an audio clip below it. Times are rational seconds on the 30 fps
 * grid, e.g. one frame is {@code 100/3000s}. The crossfades and camera moves stay in the MP4; the
 * editor gets the parts to redo them.
 */
public final class Fcpxml {

    /** Final Cut Pro's built-in "Basic Title" generator. */
    private static final String BASIC_TITLE = ".../Titles.localized/Bumper:Opener.localized/Basic Title.localized/Basic Title.moti";

    /** One scene's media: its still and, when narrated, its narration file with its length. */
    public record SceneMedia(Path image, int imageWidth, int imageHeight, Optional<Path> narration, double narrationSeconds) {
    }

    private Fcpxml() {
    }

    public static String render(String projectName, Timeline timeline, FrameSize size, List<SceneMedia> media) {
        if (media.size() != timeline.slots().size()) {
            throw new IllegalArgumentException(timeline.slots().size() + " scenes but media for " + media.size());
        }
        try {
            StringWriter text = new StringWriter();
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeDTD("<!DOCTYPE fcpxml>");
            xml.writeCharacters("\n");
            xml.writeStartElement("fcpxml");
            xml.writeAttribute("version", "1.10");
            new Writer(xml, timeline).document(projectName, size, media);
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
            return text.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the timeline could not be written as XML", e);
        }
    }

    /**
     * A media file's URL: absolute paths as file URLs; relative ones as relative URLs, which FCPXML
     * resolves against the timeline file's own folder (e.g. {@code ./images/scene-01.png} in a ZIP that
     * holds both). Apple's FCPXML reference, "Resources": src is "an absolute file URL ... or a relative
     * URL based on the location of the FCPXML document itself".
     */
    static String src(Path file) {
        if (file.isAbsolute()) {
            return file.toUri().toString();
        }
        StringBuilder url = new StringBuilder(".");
        for (Path part : file) {
            url.append('/').append(java.net.URLEncoder.encode(part.toString(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return url.toString();
    }

    /** A time on the 30 fps grid (or any fps) as FCPXML's rational seconds: frames × 100 / (fps × 100) s. */
    static String time(int frames, int fps) {
        return frames == 0 ? "0s" : (frames * 100L) + "/" + (fps * 100) + "s";
    }

    private record Writer(XMLStreamWriter xml, Timeline timeline) {

        void document(String projectName, FrameSize size, List<SceneMedia> media) throws XMLStreamException {
            xml.writeStartElement("resources");
            empty("format", "id", "r1", "frameDuration", time(1, timeline.fps()), "width", String.valueOf(size.width()),
                    "height", String.valueOf(size.height()), "colorSpace", "1-1-1 (Rec. 709)");
            empty("effect", "id", "r2", "name", "Basic Title", "uid", BASIC_TITLE);
            for (int i = 0; i < media.size(); i++) {
                SceneMedia scene = media.get(i);
                int number = timeline.slots().get(i).sceneNumber();
                empty("format", "id", "f" + number, "name", "FFVideoFormatRateUndefined",
                        "width", String.valueOf(scene.imageWidth()), "height", String.valueOf(scene.imageHeight()));
                xml.writeStartElement("asset");
                attributes("id", "a" + number, "name", "scene-%02d".formatted(number), "start", "0s", "duration", "0s",
                        "hasVideo", "1", "format", "f" + number, "videoSources", "1");
                empty("media-rep", "kind", "original-media", "src", src(scene.image()));
                xml.writeEndElement();
                if (scene.narration().isPresent()) {
                    xml.writeStartElement("asset");
                    attributes("id", "n" + number, "name", "narration-%02d".formatted(number), "start", "0s",
                            "duration", time(frames(scene.narrationSeconds()), timeline.fps()), "hasAudio", "1",
                            "audioSources", "1", "audioChannels", "1", "audioRate", "48000");
                    empty("media-rep", "kind", "original-media", "src", src(scene.narration().get()));
                    xml.writeEndElement();
                }
            }
            xml.writeEndElement();

            xml.writeStartElement("library");
            xml.writeStartElement("event");
            xml.writeAttribute("name", "FableForge");
            xml.writeStartElement("project");
            xml.writeAttribute("name", SafeText.xmlChars(projectName));
            xml.writeStartElement("sequence");
            attributes("format", "r1", "duration", time(timeline.totalFrames(), timeline.fps()), "tcStart", "0s",
                    "tcFormat", "NDF", "audioLayout", "stereo", "audioRate", "48k");
            xml.writeStartElement("spine");
            for (int i = 0; i < media.size(); i++) {
                scene(timeline.slots().get(i), media.get(i));
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
        }

        private void scene(Timeline.Slot slot, SceneMedia media) throws XMLStreamException {
            int fps = timeline.fps();
            int number = slot.sceneNumber();
            xml.writeStartElement("video");
            attributes("ref", "a" + number, "name", "Scene " + number, "offset", time(slot.ownStart(), fps),
                    "start", "0s", "duration", time(slot.ownFrames(), fps));
            int page = 0;
            for (Timeline.Cue cue : slot.cues()) {
                page++;
                String style = "ts" + number + "-" + page;
                xml.writeStartElement("title");
                attributes("ref", "r2", "lane", "1", "name", "Scene " + number + " caption " + page,
                        "offset", time(cue.startFrame() - slot.ownStart(), fps), "duration", time(cue.endFrame() - cue.startFrame(), fps));
                xml.writeStartElement("text");
                xml.writeStartElement("text-style");
                xml.writeAttribute("ref", style);
                // Belt and braces: texts are checked on the way in, but a document that is not XML 1.0 breaks every importer.
                xml.writeCharacters(SafeText.xmlChars(cue.text()));
                xml.writeEndElement();
                xml.writeEndElement();
                xml.writeStartElement("text-style-def");
                xml.writeAttribute("id", style);
                empty("text-style", "font", "Helvetica", "fontSize", "56", "fontFace", "Bold", "fontColor", "1 1 1 1",
                        "strokeColor", "0 0 0 1", "strokeWidth", "-3", "alignment", "center");
                xml.writeEndElement();
                xml.writeEndElement();
            }
            if (media.narration().isPresent() && slot.narrationStart().isPresent()) {
                empty("asset-clip", "ref", "n" + number, "lane", "-1", "name", "Narration " + number,
                        "offset", time(slot.narrationStart().getAsInt() - slot.ownStart(), fps),
                        "duration", time(frames(media.narrationSeconds()), fps), "audioRole", "dialogue");
            }
            xml.writeEndElement();
        }

        private int frames(double seconds) {
            return (int) Math.round(seconds * timeline.fps());
        }

        private void empty(String name, String... attributes) throws XMLStreamException {
            xml.writeEmptyElement(name);
            attributes(attributes);
        }

        private void attributes(String... pairs) throws XMLStreamException {
            for (int i = 0; i < pairs.length; i += 2) {
                xml.writeAttribute(pairs[i], SafeText.xmlChars(pairs[i + 1]));
            }
        }
    }
}
