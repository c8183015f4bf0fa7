package fableforge.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.quiz.FieldError;
import fableforge.quiz.InvalidQuizException;
import fableforge.quiz.QuizValidator;
import fableforge.quiz.ValidatedQuiz;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads a quiz answers file and validates it; every way it can be wrong becomes field errors. */
final class QuizFile {

    static final long MAX_BYTES = 64 * 1024;

    private QuizFile() {
    }

    static ValidatedQuiz read(Path path, QuizValidator validator) throws InvalidQuizException {
        byte[] bytes;
        try {
            if (Files.isDirectory(path)) {
                throw fileProblem(path + " is a directory; give the path of a .json file");
            }
            if (Files.size(path) > MAX_BYTES) {
                throw fileProblem(path + " is larger than " + MAX_BYTES / 1024 + " KiB; a quiz is a few hundred bytes");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw fileProblem(path + " does not exist");
        } catch (IOException e) {
            throw fileProblem(path + " cannot be read: " + e.getMessage());
        }
        JsonNode document;
        try {
            document = new ObjectMapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            throw fileProblem(path + " is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw fileProblem(path + " cannot be read: " + e.getMessage());
        }
        return validator.validate(document);
    }

    private static InvalidQuizException fileProblem(String message) {
        return new InvalidQuizException(List.of(new FieldError("quiz", message)));
    }
}
