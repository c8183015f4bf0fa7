package fableforge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void aLibpqUrlBecomesAJdbcUrlWithTheCredentialsApart() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://fable:s3cr%40t@db.internal:6543/forge?sslmode=require");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/forge?sslmode=require");
        assertThat(url.user()).contains("fable");
        assertThat(url.password()).contains("s3cr@t");
        assertThat(url.host()).isEqualTo("db.internal");
        assertThat(url.port()).isEqualTo(6543);
        assertThat(url.database()).isEqualTo("forge");
        assertThat(url.schema()).isEmpty();
    }

    @Test
    void thePostgresqlSchemeIsTheSameAndThePortDefaultsTo5432() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://fable@localhost/forge");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/forge");
        assertThat(url.user()).contains("fable");
        assertThat(url.password()).isEmpty();
        assertThat(url.port()).isEqualTo(5432);
    }

    @Test
    void aJdbcUrlKeepsItsOptionsButNotItsCredentials() {
        DatabaseUrl url = DatabaseUrl.parse(
                "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&password=pw&currentSchema=ff_one,public&ssl=false");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test?currentSchema=ff_one,public&ssl=false");
        assertThat(url.user()).contains("postgres");
        assertThat(url.password()).contains("pw");
        assertThat(url.schema()).as("the first schema of the search path").contains("ff_one");
    }

    @Test
    void anIpv6HostKeepsItsColons() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://u:p@[::1]:5433/db");

        assertThat(url.host()).isEqualTo("[::1]");
        assertThat(url.port()).isEqualTo(5433);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5433/db");
    }

    @Test
    void theDescriptionAndToStringNeverShowThePassword() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://fable:hunter2@db:5432/forge?currentSchema=app");

        assertThat(url.describe()).isEqualTo("postgresql://fable@db:5432/forge (schema app)");
        assertThat(url.toString()).doesNotContain("hunter2");
        assertThat(url.jdbcUrl()).doesNotContain("hunter2");
        assertThat(url.schema()).isEqualTo(Optional.of("app"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "mysql://root:hunter2@db:3306/forge",
            "jdbc:mysql://db:3306/forge?user=root&password=hunter2",
            "jdbc:postgresql:forge?password=hunter2",
            "hunter2",
            "postgres://root:hunter2@db:5432",
            "postgres://root:hunter2@db:5432/",
            "postgres://root:hunter2@:5432/forge",
            "postgres://root:hunter2@db:port/forge",
            "postgres://root:hunter2@db:99999/forge",
            "  ",
    })
    void anythingElseIsRefusedNamingTheVariableWithoutRepeatingThePassword(String value) {
        assertThatThrownBy(() -> DatabaseUrl.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("DATABASE_URL ")
                .hasMessageContaining("postgres://")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void theRefusalSaysWhatWasWrong() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://root:x@db/forge")).hasMessageContaining("mysql:// URL");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://db:5432")).hasMessageContaining("no database");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://db:x/forge")).hasMessageContaining("port");
    }
}
