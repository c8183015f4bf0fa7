package fableforge.quiz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class QuizValidatorTest {

    private final QuizValidator validator = new QuizValidator(QuizDefinition.standard());

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text.replace('\'', '"'));
    }

    @Test
    void acceptsMinimalQuizAndAppliesDefaults() throws Exception {
        ValidatedQuiz quiz = validator.validate(json("{'animal':'fox','setting':'enchanted forest','visual_style':'watercolor'}"));

        assertThat(quiz.answers().get("aspect_ratio")).isEqualTo("9:16");
        assertThat(quiz.answers().get("tone")).isEqualTo("epic");
        assertThat(quiz.answers().has("character_name")).isFalse();
        assertThat(quiz.warnings()).isEmpty();
    }

    @Test
    void reportsEveryMissingRequiredFieldAtOnce() {
        InvalidQuizException error = catchThrowableOfType(InvalidQuizException.class, () -> validator.validate(json("{}")));

        assertThat(error.errors()).extracting(FieldError::field).containsExactly("animal", "setting", "visual_style");
        assertThat(error.errors()).allSatisfy(e -> assertThat(e.message()).startsWith("is required"));
    }

    @Test
    void reportsInvalidValuesPerFieldTogetherWithMissingOnes() {
        InvalidQuizException error = catchThrowableOfType(InvalidQuizException.class, () -> validator.validate(
                json("{'animal':'fox','setting':42,'aspect_ratio':'4:3','tone':'grim','character_name':'!!!'}")));

        assertThat(error.errors()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("setting", "visual_style", "aspect_ratio", "tone", "character_name");
        assertThat(error.errors()).filteredOn(e -> e.field().equals("aspect_ratio"))
                .singleElement().satisfies(e -> assertThat(e.message()).contains("9:16, 16:9, 1:1"));
        assertThat(error.errors()).filteredOn(e -> e.field().equals("setting"))
                .singleElement().satisfies(e -> assertThat(e.message()).contains("must be text"));
    }

    @Test
    void acceptsChoicesByLabelAndFreeTextWhereAllowed() throws Exception {
        ValidatedQuiz quiz = validator.validate(json(
                "{'animal':'Snow Leopard','setting':'Enchanted Forest','visual_style':'Anime','aspect_ratio':'16:9','villain':'A terrible storm'}"));

        assertThat(quiz.answers().get("animal")).isEqualTo("Snow Leopard");
        assertThat(quiz.answers().get("setting")).isEqualTo("enchanted forest");
        assertThat(quiz.answers().get("visual_style")).isEqualTo("anime");
        assertThat(quiz.answers().get("villain")).isEqualTo("storm");
    }

    @Test
    void followUpIsKeptOnlyWhenItsConditionHolds() throws Exception {
        ValidatedQuiz shown = validator.validate(json(
                "{'animal':'fox','setting':'forest','visual_style':'anime','power':'other','power_detail':'talking to the stars'}"));
        ValidatedQuiz hidden = validator.validate(json(
                "{'animal':'fox','setting':'forest','visual_style':'anime','power':'fire','power_detail':'talking to the stars'}"));

        assertThat(shown.answers().get("power_detail")).isEqualTo("talking to the stars");
        assertThat(hidden.answers().has("power_detail")).isFalse();
        assertThat(hidden.warnings()).singleElement().asString().contains("power_detail").contains("power is other");
    }

    @Test
    void unknownKeysAreIgnoredWithAWarning() throws Exception {
        ValidatedQuiz quiz = validator.validate(json("{'animal':'fox','setting':'forest','visual_style':'anime','mood':'sad'}"));

        assertThat(quiz.answers().has("mood")).isFalse();
        assertThat(quiz.warnings()).singleElement().asString().startsWith("mood: not a question");
    }

    @Test
    void rejectsOverlongTextAndMarkup() {
        String longName = "x".repeat(41);
        InvalidQuizException error = catchThrowableOfType(InvalidQuizException.class, () -> validator.validate(json(
                "{'animal':'fox','setting':'<script>','visual_style':'anime','character_name':'" + longName + "'}")));

        assertThat(error.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("setting", "character_name");
        assertThat(error.errors()).filteredOn(e -> e.field().equals("character_name"))
                .singleElement().satisfies(e -> assertThat(e.message()).contains("41 characters").contains("40"));
    }

    @Test
    void rejectsADocumentThatIsNotAnObject() {
        assertThatThrownBy(() -> validator.validate(json("['fox']")))
                .isInstanceOf(InvalidQuizException.class)
                .hasMessageContaining("must be a JSON object");
    }

    @Test
    void acceptsAnswersWrappedInAnAnswersObject() throws Exception {
        ValidatedQuiz quiz = validator.validate(json("{'answers':{'animal':'owl','setting':'swamp','visual_style':'comic book'}}"));

        assertThat(quiz.answers().get("animal")).isEqualTo("owl");
    }

    @Test
    void definitionMarksExactlyTheThreeRequiredQuestions() {
        assertThat(QuizDefinition.standard().questions()).filteredOn(Question::required)
                .extracting(Question::key).containsExactly("animal", "setting", "visual_style");
        assertThat(QuizDefinition.standard().questions()).extracting(Question::key)
                .allMatch(key -> key.matches("[a-z]+(_[a-z]+)*"));
    }
}
