package fableforge.store;

import java.time.Instant;
import java.util.Optional;

/** A user who may sign in; {@code passwordHash} is empty until they set one through a sign-in link. */
public record Account(String id, String name, boolean admin, Optional<String> passwordHash, Instant createdAt) {
}
