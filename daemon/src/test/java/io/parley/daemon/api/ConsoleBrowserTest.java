package io.parley.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.daemon.qr.QrDecoding;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real browser (Debian's headless chromium through chromedriver, driven by
 * Selenium), against two daemons of this JVM on one relay. One browser serves the whole class;
 * each console signs in on its own port (the session cookie is named after the port). Writes
 * screenshots of the main screens to {@code target/console-screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
  /** Longest wait for something to appear in a page. UNIT: seconds. */
  static final long UI_WAIT_SECONDS = 20;
  /** Longest wait for chromium and its driver to come up. UNIT: seconds. */
  static final long BROWSER_START_SECONDS = 60;

  private ApiFixture fixture;
  private ApiFixture.Daemon alice;
  private ApiFixture.Daemon bob;
  private CompletableFuture<WebDriver> launching;
  private WebDriver browser;
  private String aliceTab;
  private String bobTab;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "the console's browser tests need Debian's chromium and chromium-driver "
            + "(apt-get install chromium chromium-driver); skipped without them");
    // The driver's path is given, so Selenium Manager never looks for (or downloads) one.
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--window-size=1100,900", "--no-first-run",
        "--disable-background-networking", "--disable-component-update");
    // The browser starts while the relay and both daemons do: the two are the class's
    // largest fixed costs and need nothing from each other.
    launching = CompletableFuture.supplyAsync(() -> new ChromeDriver(service, options));
    fixture = new ApiFixture(dir);
    alice = fixture.daemon("alice");
    bob = fixture.daemon("bob");
    browser = launching.get(BROWSER_START_SECONDS, TimeUnit.SECONDS);
    Files.createDirectories(SCREENSHOTS);
    aliceTab = browser.getWindowHandle();
    WebElement aliceToken = signInScreen(alice);
    screenshot("sign-in");
    enterToken(aliceToken, alice);
    browser.switchTo().newWindow(WindowType.TAB);
    bobTab = browser.getWindowHandle();
    signInWithToken(bob);
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.quit();
    } else if (launching != null) {
      // A daemon failed to start: the browser still comes up, and must not outlive the class.
      launching.thenAccept(WebDriver::quit);
    }
    if (fixture != null) {
      fixture.close();
    }
  }

  private WebDriverWait waiting() {
    return new WebDriverWait(browser, Duration.ofSeconds(UI_WAIT_SECONDS));
  }

  private String base(ApiFixture.Daemon d) {
    return "http://127.0.0.1:" + d.api().port();
  }

  private void signInWithToken(ApiFixture.Daemon d) {
    enterToken(signInScreen(d), d);
  }

  /** Opens {@code d}'s console signed out; answers its token field. */
  private WebElement signInScreen(ApiFixture.Daemon d) {
    browser.get(base(d) + "/");
    return waiting().until(ExpectedConditions.visibilityOfElementLocated(
        By.id("signin-token")));
  }

  private void enterToken(WebElement field, ApiFixture.Daemon d) {
    field.sendKeys(d.token(), Keys.ENTER);
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("screen-connections")));
  }

  private void as(ApiFixture.Daemon d) {
    browser.switchTo().window(d == alice ? aliceTab : bobTab);
  }

  private void screen(String name) {
    browser.findElement(By.cssSelector("nav button[data-screen='" + name + "']")).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("screen-" + name)));
  }

  private void screenshot(String name) throws IOException {
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** Alice invites in her console, Bob joins by pasting the link in his; both chats open. */
  private String[] connectThroughTheConsoles() throws Exception {
    as(alice);
    screen("invite");
    browser.findElement(By.cssSelector("#invite-form button")).click();
    String link = waiting().until(ExpectedConditions.visibilityOfElementLocated(
        By.id("invitation-link"))).getAttribute("value");
    as(bob);
    screen("join");
    browser.findElement(By.id("join-link")).sendKeys(link, Keys.ENTER);
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("screen-chat")));
    JsonNode bobConns = bob.client().get("/v1/connections").json().get("connections");
    String bobConn = bobConns.get(bobConns.size() - 1).get("id").asText();
    String aliceConn = alice.client().get("/v1/connections/" + bobConn).status() == 404
        ? lastConnection(alice) : bobConn;
    io.parley.testkit.Await.value("both established", () -> alice.client()
        .get("/v1/connections/" + aliceConn).json().path("status").asText()
        + bob.client().get("/v1/connections/" + bobConn).json().path("status").asText(),
        s -> s.equals("establishedestablished"));
    return new String[] {aliceConn, bobConn};
  }

  private String lastConnection(ApiFixture.Daemon d) throws Exception {
    JsonNode all = d.client().get("/v1/connections").json().get("connections");
    return all.get(all.size() - 1).get("id").asText();
  }

  private void openChat(ApiFixture.Daemon d, String connectionId) {
    as(d);
    screen("connections");
    waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector(
        "li[data-connection='" + connectionId + "'] button"))).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("compose")));
  }

  private void awaitText(String css, String text) {
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css),
        text));
  }

  @Test
  void anInvitationIsShownAsAQrImageThatDecodesToItsCopyableLink() throws Exception {
    as(alice);
    screen("invite");
    browser.findElement(By.id("invite-alias")).sendKeys("Carol", Keys.ENTER);
    WebElement link = waiting().until(ExpectedConditions.visibilityOfElementLocated(
        By.id("invitation-link")));
    WebElement qr = browser.findElement(By.id("invitation-qr"));
    waiting().until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
        "return arguments[0].complete && arguments[0].naturalWidth > 0", qr));
    screenshot("invite");
    // Read as a phone's camera would, from pixels the browser drew: large enough that every
    // module spans several whole pixels.
    ((JavascriptExecutor) browser).executeScript(
        "arguments[0].style.width = '700px'; arguments[0].scrollIntoView()", qr);
    byte[] png = qr.getScreenshotAs(OutputType.BYTES);
    String decoded = QrDecoding.decode(ImageIO.read(new ByteArrayInputStream(png)));
    assertEquals(link.getAttribute("value"), decoded);
    assertTrue(decoded.contains("#"), "an invitation link: " + decoded);
  }

  @Test
  void aOneTimeSignInUrlOpensTheConsoleOnceAndShowsARefusalOnSecondUse() {
    browser.switchTo().newWindow(WindowType.TAB);
    try {
      // A fresh cookie jar is not needed: the link replaces this port's session cookie.
      String url = alice.api().consoleSignInUrl();
      browser.get(url);
      waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("screen-connections")));
      assertTrue(browser.findElement(By.id("status")).getText().contains("owner"));
      browser.get(url);
      assertTrue(browser.findElement(By.tagName("body")).getText().contains("already used"),
          "a second use is refused");
    } finally {
      browser.close();
      as(alice);
      // This port's cookie is now the link's owner session, which the other tab goes on with.
      browser.get(base(alice) + "/");
      waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("screen-connections")));
    }
  }

  @Test
  void messagesFlowLiveBothWaysAndTheSentOneReachesDeliveredWithMatchingSecurityCodes()
      throws Exception {
    String[] c = connectThroughTheConsoles();
    openChat(alice, c[0]);
    openChat(bob, c[1]);

    as(alice);
    browser.findElement(By.id("compose")).sendKeys("hello from alice", Keys.ENTER);
    waiting().until(ExpectedConditions.attributeToBe(By.cssSelector(
        "#messages li.out:last-child .delivery"), "data-status", "delivered"));
    as(bob);
    awaitText("#messages li.in:last-child .text", "hello from alice");
    browser.findElement(By.id("compose")).sendKeys("hi alice", Keys.ENTER);
    as(alice);
    awaitText("#messages li.in:last-child .text", "hi alice");

    browser.findElement(By.cssSelector("details.security summary")).click();
    String aliceCode = browser.findElement(By.id("security-code")).getText();
    screenshot("chat");
    browser.findElement(By.id("verify")).click();
    awaitText("#verify", "Verified");
    as(bob);
    browser.findElement(By.cssSelector("details.security summary")).click();
    String bobCode = browser.findElement(By.id("security-code")).getText();
    assertFalse(aliceCode.isBlank());
    assertEquals(aliceCode, bobCode, "both consoles show the same security code");
    assertTrue(alice.client().get("/v1/connections/" + c[0]).json().get("verified")
        .asBoolean(), "mark verified is kept");

    as(alice);
    screen("connections");
    awaitText("li[data-connection='" + c[0] + "'] .state", "verified");
    screenshot("connections");
  }

  @Test
  void aContactRequestArrivesInTheConsoleAndIsAccepted() throws Exception {
    as(alice);
    screen("address");
    browser.findElement(By.cssSelector("#address-form button")).click();
    String link = waiting().until(ExpectedConditions.visibilityOfElementLocated(
        By.id("address-link"))).getAttribute("value");
    String bobConn = bob.client().post("/v1/connections", Map.of("link", link)).json()
        .get("connectionId").asText();
    screen("address");
    WebElement accept = waiting().until(ExpectedConditions.elementToBeClickable(
        By.cssSelector("#requests li button")));
    screenshot("address");
    accept.click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("screen-chat")));
    io.parley.testkit.Await.value("bob's request accepted", () -> bob.client()
        .get("/v1/connections/" + bobConn).json().path("status").asText(),
        s -> s.equals("established"));
  }

  @Test
  void aChatCanBeOpenedAndAMessageSentWithTheKeyboardAlone() throws Exception {
    JsonNode inv = alice.client().post("/v1/invitations", Map.of()).json();
    String bobConn = bob.client().post("/v1/connections", Map.of("link",
        inv.get("link").asText())).json().get("connectionId").asText();
    io.parley.testkit.Await.value("bob established", () -> bob.client()
        .get("/v1/connections/" + bobConn).json().path("status").asText(),
        st -> st.equals("established"));
    as(bob);
    screen("connections");
    // A new screen focuses its heading; the next Tab stop is the first chat in the list.
    new org.openqa.selenium.interactions.Actions(browser).sendKeys(Keys.TAB).perform();
    WebElement focused = browser.switchTo().activeElement();
    assertEquals("connection", focused.getAttribute("class"), focused.getTagName());
    focused.sendKeys(Keys.ENTER);
    WebElement compose = waiting().until(ExpectedConditions.visibilityOfElementLocated(
        By.id("compose")));
    assertEquals(compose, browser.switchTo().activeElement(), "the message field has focus");
    compose.sendKeys("typed only", Keys.ENTER);
    awaitText("#messages li.out:last-child .text", "typed only");
  }

  @Test
  void everyResourceThePageLoadedCameFromTheDaemonItself() {
    as(alice);
    browser.get(base(alice) + "/");
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("screen-connections")));
    screen("relays");
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#relays td")));
    @SuppressWarnings("unchecked")
    List<String> urls = (List<String>) ((JavascriptExecutor) browser).executeScript(
        "return performance.getEntriesByType('resource').map(e => e.name)");
    assertFalse(urls.isEmpty());
    for (String u : urls) {
      assertTrue(u.startsWith(base(alice) + "/") || u.startsWith("ws://127.0.0.1:"
          + alice.api().port() + "/"), "loaded from elsewhere: " + u);
    }
  }

  @Test
  void onAPhoneSizedScreenTheChatsListFitsWithoutSidewaysScrolling() throws Exception {
    as(alice);
    Dimension before = browser.manage().window().getSize();
    browser.manage().window().setSize(new Dimension(390, 844));
    try {
      screen("connections");
      Long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
          "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
      assertEquals(0L, overflow, "no horizontal scrolling at phone width");
      screenshot("phone-chats");
    } finally {
      browser.manage().window().setSize(before);
    }
  }

  @Test
  void aBotPeersCommandsAreListedAndOfferedAsYouTypeASlashAndOneIsPickedAndSentWithTheKeyboard()
      throws Exception {
    // A bot profile on Bob's daemon publishes its commands before the handshake, as the SDK's
    // bot framework does at start; Alice's console learns them as peerProfile.commands.
    JsonNode helper = bob.client().post("/v1/profiles", Map.of("name", "Helper",
        "description", "answers commands")).json();
    ApiClient helperApi = new ApiClient(bob.api().port(),
        helper.get("token").get("token").asText());
    assertEquals(200, helperApi.patch("/v1/profiles/" + helper.get("id").asText(), Map.of(
        "commands", List.of(Map.of("name", "help", "description", "show this list"),
            Map.of("name", "ping", "description", "answers pong")))).status());
    String link = helperApi.post("/v1/invitations", Map.of()).json().get("link").asText();
    String aliceConn = alice.client().post("/v1/connections", Map.of("link", link)).json()
        .get("connectionId").asText();
    io.parley.testkit.Await.value("the bot's commands reached alice", () -> alice.client()
        .get("/v1/connections/" + aliceConn).json().path("peerProfile").path("commands")
        .size(), n -> n == 2);

    openChat(alice, aliceConn);
    browser.findElement(By.cssSelector("#bot-commands summary")).click();
    assertEquals(List.of("/help show this list", "/ping answers pong"),
        browser.findElements(By.cssSelector("#bot-commands li")).stream()
            .map(e -> e.getText().replaceAll("\\s+", " ")).toList(),
        "the chat lists the bot's commands");
    WebElement compose = browser.findElement(By.id("compose"));
    compose.sendKeys("/");
    WebElement offers = waiting().until(ExpectedConditions.visibilityOfElementLocated(
        By.id("commands")));
    List<String> shown = offers.findElements(By.cssSelector("li[role=option]")).stream()
        .map(WebElement::getText).toList();
    assertEquals(List.of("/help show this list", "/ping answers pong"), shown);
    screenshot("bot-commands");
    compose.sendKeys(Keys.ARROW_DOWN);
    assertEquals("cmd-1", compose.getAttribute("aria-activedescendant"),
        "the arrow key moved the choice to the second command");
    compose.sendKeys(Keys.ENTER);
    assertEquals("/ping ", compose.getAttribute("value"), "Enter filled in the chosen command");
    assertFalse(offers.isDisplayed(), "the offers close once one is picked");
    compose.sendKeys(Keys.ENTER);
    awaitText("#messages li.out:last-child .text", "/ping");
    String helperConn = io.parley.testkit.Await.value("the bot's connection", () -> {
      JsonNode all = helperApi.get("/v1/connections").json().get("connections");
      return all.size() == 1 ? all.get(0).get("id").asText() : null;
    }, id -> id != null);
    io.parley.testkit.Await.value("the bot received the command", () -> helperApi
        .get("/v1/connections/" + helperConn + "/messages").json().get("messages").toString(),
        m -> m.contains("\"text\":\"/ping\""));
  }

  @Test
  void signedOutTheConsoleShowsOnlyTheSignInFormWithoutScreensOrSignOut() {
    as(alice);
    browser.manage().deleteCookieNamed("parley_session_" + alice.api().port());
    try {
      signInScreen(alice);
      assertFalse(browser.findElement(By.id("nav")).isDisplayed(), "no screens to pick");
      assertFalse(browser.findElement(By.id("sign-out")).isDisplayed(), "nothing to sign out");
    } finally {
      signInWithToken(alice);
    }
  }
}
