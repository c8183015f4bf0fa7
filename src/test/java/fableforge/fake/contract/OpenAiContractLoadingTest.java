package fableforge.fake.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/** Runs without the shared folder. */
class OpenAiContractLoadingTest {

    @Test
    void missingFileLoadsNothing(@TempDir Path dir) {
        assertThat(OpenAiContract.load(dir.resolve("openai-contract.json"))).isEmpty();
    }

    @Test
    void skippingSaysWhereTheContractShouldBe() {
        if (OpenAiContract.load().isPresent()) {
            return; // the shared folder is here: nothing is skipped
        }
        assertThatThrownBy(OpenAiContract::loadOrSkip).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("../shared/openai-contract.json not found");
    }

    @Test
    void fileWithoutSchemasIsAnError(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("openai-contract.json"), "{\"roots\": []}");
        assertThatThrownBy(() -> OpenAiContract.load(file)).hasMessageContaining("components.schemas");
    }
}
