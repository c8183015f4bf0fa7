package fableforge.story.openai;

import fableforge.provider.http.Monitored;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.provider.http.ProviderHttp;
import fableforge.provider.openai.ChatCompletions;
import fableforge.provider.openai.ChatReply;
import fableforge.provider.openai.ChatRequest;
import fableforge.story.Beat;
import fableforge.story.NarrationLine;
import fableforge.story.Scene;
import fableforge.story.StoryBrief;
import fableforge.story.StoryWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the 20 scenes with a chat model. Scenes the answer lacks (left out, empty, repeated, or lost
 * when the answer was cut) are asked for once more, with the scenes so far as context; any still
 * missing are left out, for the story planner to fill with a visible placeholder the user edits.
 */
public final class OpenAiStoryWriter implements StoryWriter, Monitored {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiStoryWriter.class);
    static final double TEMPERATURE = 0.9;
    /** 20 scenes of up to 3 sentences are ~2,000 tokens; the rest is room for reasoning models. */
    static final int MAX_TOKENS = 6_000;

    private final ChatCompletions chat;

    public OpenAiStoryWriter(ChatCompletions chat) {
        this.chat = chat;
    }

    @Override
    public List<Scene> write(StoryBrief brief) throws ProviderException {
        List<Integer> all = IntStream.rangeClosed(1, Beat.TOTAL_SCENES).boxed().toList();
        ChatReply reply = chat.complete(new ChatRequest(brief.storyId(), "story", StoryMessages.story(brief),
                StoryMessages.schema(all), TEMPERATURE, MAX_TOKENS));
        Map<Integer, SceneAnswer.Written> written = new TreeMap<>(SceneAnswer.read(reply.content(), all));
        if (written.isEmpty()) {
            throw new ProviderException(new ProviderError.Transient(name() + " answered without any readable scene"
                    + (reply.cut() ? " (the answer was cut at the token limit)" : "")));
        }
        List<Integer> missing = missing(written);
        if (!missing.isEmpty()) {
            LOG.info("[STORY] story={} {} left out scenes {}{}; asking for them once more", brief.storyId(), name(), missing,
                    reply.cut() ? " (answer cut at the token limit)" : "");
            written.putAll(askForMissing(brief, written, missing));
            List<Integer> stillMissing = missing(written);
            if (!stillMissing.isEmpty()) {
                LOG.warn("[STORY] story={} scenes {} still missing after asking again; they get a placeholder to edit", brief.storyId(), stillMissing);
            }
        }
        // A line longer than its share is shortened here, at a sentence, phrase or word boundary; a missing one is derived from the text.
        return written.entrySet().stream().map(entry -> Scene.of(entry.getKey(), entry.getValue().text(),
                NarrationLine.fit(entry.getValue().narration() == null ? entry.getValue().text() : entry.getValue().narration(),
                        brief.narrationWords(entry.getKey())))).toList();
    }

    private Map<Integer, SceneAnswer.Written> askForMissing(StoryBrief brief, Map<Integer, SceneAnswer.Written> written, List<Integer> missing) {
        try {
            ChatReply reply = chat.complete(new ChatRequest(brief.storyId(), "story", StoryMessages.missing(brief, written, missing),
                    StoryMessages.schema(missing), TEMPERATURE, MAX_TOKENS));
            return SceneAnswer.read(reply.content(), missing);
        } catch (ProviderException e) {
            // The story is usable without them: the user writes the missing scenes in the editor.
            LOG.warn("[STORY] story={} asking again for scenes {} failed: {}", brief.storyId(), missing, e.getMessage());
            return Map.of();
        }
    }

    private static List<Integer> missing(Map<Integer, SceneAnswer.Written> written) {
        return IntStream.rangeClosed(1, Beat.TOTAL_SCENES).filter(n -> !written.containsKey(n)).boxed().toList();
    }

    @Override
    public String name() {
        return "openai:" + chat.model();
    }

    @Override
    public ProviderHttp.LastCall lastCall() {
        return chat.lastCall();
    }
}
