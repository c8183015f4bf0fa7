package fableforge.image;

import fableforge.provider.ProviderError;
import java.time.Duration;
import java.util.Optional;

/** One call to the image provider for one scene: the prompt it was given, how long it took, how it ended. */
public record ImageTry(int number, String prompt, Duration took, Optional<ProviderError> error) {
}
