package fableforge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsTest {

    private final Passwords passwords = new Passwords();

    @Test
    void aHashVerifiesItsPasswordAndNoOther() {
        String hash = passwords.hash("correct horse battery");

        assertThat(passwords.verify("correct horse battery", hash)).isTrue();
        assertThat(passwords.verify("correct horse batterz", hash)).isFalse();
        assertThat(passwords.verify("", hash)).isFalse();
    }

    @Test
    void aHashIsArgon2idAtOwaspParametersWithItsOwnSalt() {
        String first = passwords.hash("correct horse battery");
        String second = passwords.hash("correct horse battery");

        assertThat(first).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(first).isNotEqualTo(second);
        assertThat(first).doesNotContain("correct horse battery");
    }

    @Test
    void theParametersTravelWithTheHashSoAChangedOneDoesNotVerify() {
        String hash = passwords.hash("correct horse battery");

        assertThat(passwords.verify("correct horse battery", hash.replace("t=2", "t=3"))).isFalse();
        assertThat(passwords.verify("correct horse battery", "plain text")).isFalse();
        assertThat(passwords.verify("correct horse battery", null)).isFalse();
    }

    @Test
    void aPasswordIs12To128CharactersNotOneRepeatedAndNotTheName() {
        assertThat(Passwords.problem("ada", "short pass")).get().asString().contains("at least 12");
        assertThat(Passwords.problem("ada", "x".repeat(129))).get().asString().contains("at most 128");
        assertThat(Passwords.problem("ada", "aaaaaaaaaaaaaa")).get().asString().contains("one character repeated");
        assertThat(Passwords.problem("ada.lovelace", "Ada.Lovelace")).get().asString().contains("your name");
        assertThat(Passwords.problem("ada", "")).isPresent();
        assertThat(Passwords.problem("ada", "correct horse battery")).isEmpty();
        assertThat(Passwords.problem("ada", "x".repeat(127) + "y")).isEmpty();
    }

    @Test
    void lengthCountsCharactersNotBytes() {
        assertThat(Passwords.problem("ada", "ünïcödé-wörd")).isEmpty();
    }
}
