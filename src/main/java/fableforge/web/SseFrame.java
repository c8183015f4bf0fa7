package fableforge.web;

import fableforge.event.StoryEvent;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * One event as the bytes of its event-stream frame, made once per event and shared by every stream of
 * the story: a thousand streams write the same bytes rather than each format and encode them again.
 * The format is the HTML standard's (https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream):
 * {@code id:} and {@code event:} lines, one {@code data:} line per line of data, a blank line to end it.
 */
record SseFrame(StoryEvent event, byte[] bytes) {

    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    static SseFrame of(StoryEvent event) {
        StringBuilder frame = new StringBuilder(64 + event.dataJson().length());
        frame.append("id: ").append(event.seq()).append('\n').append("event: ").append(oneLine(event.name())).append('\n');
        String data = event.dataJson();
        if (data.indexOf('\n') < 0 && data.indexOf('\r') < 0) {
            // Always so for the JSON the log holds: no pattern to run per event.
            frame.append("data: ").append(data).append('\n');
        } else {
            for (String line : LINE_BREAK.split(data, -1)) {
                frame.append("data: ").append(line).append('\n');
            }
        }
        frame.append('\n');
        return new SseFrame(event, frame.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A comment frame ({@code : text}), which clients ignore and proxies see as traffic. */
    static byte[] comment(String text) {
        return (": " + oneLine(text) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    long seq() {
        return event.seq();
    }

    private static String oneLine(String text) {
        return text.replace('\r', ' ').replace('\n', ' ');
    }
}
