package fableforge.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.junit.jupiter.api.Test;

class SmokeBrowserTest extends BrowserTest {
    @Test
    void quizLoads() {
        page.navigate(baseUrl());
        assertThat(page.locator("#quiz-title")).hasText("Your animal hero");
        screenshot("smoke");
    }
}
