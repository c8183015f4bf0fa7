package fableforge.quiz;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** The quiz as data: its questions in the order they are asked. */
public record QuizDefinition(String id, String title, List<Question> questions) {

    private static final String RESOURCE = "/fableforge/quiz/quiz.json";

    public QuizDefinition {
        questions = List.copyOf(questions);
    }

    /** The definition shipped with FableForge. */
    public static QuizDefinition standard() {
        ObjectMapper mapper = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        try (InputStream in = QuizDefinition.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("quiz definition " + RESOURCE + " is missing from the build");
            }
            return mapper.readValue(in, QuizDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException("quiz definition " + RESOURCE + " is unreadable", e);
        }
    }

    public Optional<Question> question(String key) {
        return questions.stream().filter(question -> question.key().equals(key)).findFirst();
    }
}
