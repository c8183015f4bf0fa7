package fableforge.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ViewportSize;
import fableforge.App;
import fableforge.Config;
import fableforge.testing.SlowTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One FableForge server (offline providers, its own data directory) and one headless Chromium per
 * test class; a fresh browser context (cookies, localStorage) per test. The browser is Debian's
 * /usr/bin/chromium, which ./run-tests installs when missing: Playwright never downloads one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SlowTest // a headless Chromium per class
abstract class BrowserTest {

    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    Path data;

    App.RunningServer server;
    Playwright playwright;
    Browser browser;
    BrowserContext context;
    Page page;

    /** Server settings as environment variables; images arrive one by one, four at a time. */
    Map<String, String> env() {
        return Map.of("OFFLINE_LATENCY_MS", "150", "IMAGE_MAX_CONCURRENT", "4");
    }

    ViewportSize viewport() {
        return new ViewportSize(1280, 900);
    }

    @BeforeAll
    void startServerAndBrowser(@TempDir Path data) throws Exception {
        this.data = data;
        server = new App(Config.load(env(), data.resolve("none.env")), Clock.systemUTC()).serve("127.0.0.1", 0, data);
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic")));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stopServerAndBrowser() throws Exception {
        if (playwright != null) {
            playwright.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void openPage() {
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(viewport()).setBaseURL(baseUrl()));
        context.setDefaultTimeout(20_000);
        page = context.newPage();
    }

    @AfterEach
    void closePage() {
        context.close();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/";
    }

    void screenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }
}
