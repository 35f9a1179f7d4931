package io.reco4j.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo page and the dashboard in a real headless Chromium against the real server as
 * {@code reco serve --demo} runs it ({@link DemoServer}: iALS trained on ml-latest-small at
 * start-up, embedded SQLite store and model registry in a temporary directory, port 0): a new user
 * rates movies and gets fold-in recommendations explained by them; a MovieLens user sees model
 * recommendations, their history and the genre filter; the dashboard shows the live model and
 * charts that fill with traffic, retrains and rolls back; API errors appear inline. Every test
 * ends with the browser console free of errors (tests that provoke an error accept exactly the
 * refused calls). Screenshots go to {@code target/screenshots/}.
 */
class WebPagesBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  static Path state;
  static DemoServer server;
  static String base;
  static ChromeDriver driver;

  @BeforeAll
  static void startServerAndBrowser() throws Exception {
    HeadlessChromium.requireInstalled();
    server = DemoServer.start(state);
    base = server.baseUrl();
    driver = HeadlessChromium.start();
    // the console check below must be able to fail: an error logged by a page is seen
    driver.get(base + "/");
    driver.executeScript("console.error('reco4j console probe')");
    assertThat(HeadlessChromium.severeConsoleEntries(driver))
        .anySatisfy(e -> assertThat(e).contains("reco4j console probe"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  @AfterEach
  void noErrorInTheBrowserConsole() {
    // leaving the page stops its timers: nothing logs between this check and the next test
    driver.get("about:blank");
    assertThat(HeadlessChromium.severeConsoleEntries(driver))
        .as("browser console errors").isEmpty();
  }

  @Test
  void aNewUserWhoRatesThreeMoviesGetsFoldInRecommendationsExplainedByThem() throws Exception {
    driver.get(base + "/");
    driver.findElement(By.id("user-new")).click();
    waitForRecs(0);
    assertThat(text(By.id("current-user-id"))).startsWith("demo-");
    assertThat(recs().getAttribute("data-path")).isEqualTo("popular");
    List<String> before = recTitles();
    assertThat(before).hasSizeGreaterThanOrEqualTo(5);

    List<String> rated = List.of(rate("Matrix", 5), rate("Star Wars", 5), rate("Toy Story", 4));

    assertThat(recs().getAttribute("data-path")).isEqualTo("fold-in");
    assertThat(text(By.id("rec-path"))).isEqualTo("fold-in");
    assertThat(text(By.id("rec-model"))).matches(".*v\\d+.*");
    List<String> after = recTitles();
    assertThat(after).hasSizeGreaterThanOrEqualTo(5).isNotEqualTo(before);
    List<String> why = driver.findElements(By.cssSelector("#recs li.rec .why")).stream()
        .map(WebElement::getText).collect(Collectors.toList());
    assertThat(why).hasSameSizeAs(after);
    assertThat(why).anySatisfy(line -> assertThat(rated).anySatisfy(t -> assertThat(line).contains(t)));
    // the three ratings are the user's history, newest first
    List<String> history = driver.findElements(By.cssSelector("#history .history-item .title"))
        .stream().map(WebElement::getText).collect(Collectors.toList());
    assertThat(history).containsExactly(rated.get(2), rated.get(1), rated.get(0));

    // the screenshot assertion: the list really renders (text, stars, lines), kept for humans
    byte[] png = recs().getScreenshotAs(OutputType.BYTES);
    HeadlessChromium.save(png, "recommendations.png");
    BufferedImage img = HeadlessChromium.decode(png);
    assertThat(img.getHeight()).as("height of the recommendation list").isGreaterThan(300);
    assertThat(HeadlessChromium.inkFraction(img)).as("non-background share of the list")
        .isGreaterThan(0.03);
    HeadlessChromium.save(HeadlessChromium.window(driver), "demo.png");
  }

  @Test
  void aMovieLensUserSeesModelRecommendationsTheirHistoryAndTheGenreFilter() {
    driver.get(base + "/");
    WebElement input = driver.findElement(By.id("user-input"));
    input.clear();
    input.sendKeys("42");
    driver.findElement(By.id("user-load")).click();
    waitForRecs(0);
    assertThat(recs().getAttribute("data-path")).isEqualTo("model");
    assertThat(recTitles()).hasSizeGreaterThanOrEqualTo(5);
    assertThat(driver.findElements(By.cssSelector("#history .src-dataset"))).isNotEmpty();

    int renders = renders();
    new Select(driver.findElement(By.id("rec-genre"))).selectByValue("Comedy");
    waitForRecs(renders);
    List<WebElement> metas = driver.findElements(By.cssSelector("#recs li.rec .meta"));
    assertThat(metas).isNotEmpty().allSatisfy(m -> assertThat(m.getText()).contains("Comedy"));

    // one click is an event newer than the model: the user is folded in now
    renders = renders();
    driver.findElement(By.cssSelector("#recs li.rec .click-btn")).click();
    waitForRecs(renders);
    assertThat(recs().getAttribute("data-path")).isEqualTo("fold-in");
    new WebDriverWait(driver, WAIT).until(d -> !d.findElements(
        By.cssSelector("#history .src-event")).isEmpty());
  }

  @Test
  void theDashboardShowsTheLiveModelAndChartsThatFillWithTraffic() throws Exception {
    driver.get(base + "/dashboard");
    WebElement live = new WebDriverWait(driver, WAIT).until(d -> d.findElements(
        By.cssSelector("#models tr.model.live")).stream().findFirst().orElse(null));
    assertThat(live.getText()).contains("live").containsPattern("v\\d+");
    // two refreshes of /admin/stats, then the request chart has points and pixels
    new WebDriverWait(driver, WAIT).until(d -> Integer.parseInt(
        d.findElement(By.id("stats-panel")).getAttribute("data-updates") == null ? "0"
            : d.findElement(By.id("stats-panel")).getAttribute("data-updates")) >= 2);
    Object points = ((JavascriptExecutor) driver).executeScript(
        "return echarts.getInstanceByDom(document.getElementById('chart-requests'))"
            + ".getOption().series[0].data.length");
    assertThat(((Number) points).intValue()).as("points in the requests/s chart").isPositive();
    WebElement chart = driver.findElement(By.id("chart-requests"));
    assertThat(chart.findElements(By.cssSelector("canvas"))).isNotEmpty();
    byte[] png = chart.getScreenshotAs(OutputType.BYTES);
    assertThat(HeadlessChromium.inkFraction(HeadlessChromium.decode(png)))
        .as("non-background share of the requests chart").isGreaterThan(0.01);
    assertThat(driver.findElement(By.id("stats-error")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("models-error")).isDisplayed()).isFalse();
    HeadlessChromium.save(HeadlessChromium.window(driver), "dashboard.png");
  }

  @Test
  void retrainingFromTheDashboardRegistersANewLiveVersionAndPromoteRollsBack() throws Exception {
    driver.get(base + "/dashboard");
    String first = new WebDriverWait(driver, WAIT).until(d -> d.findElements(
        By.cssSelector("#models tr.model.live")).stream().findFirst()
        .map(r -> r.getAttribute("data-version")).orElse(null));
    int rows = driver.findElements(By.cssSelector("#models tr.model")).size();

    driver.findElement(By.id("train-button")).click();
    WebElement job = driver.findElement(By.id("job"));
    new WebDriverWait(driver, Duration.ofSeconds(180)).until(d -> job.getAttribute("data-state") != null);
    assertThat(job.getAttribute("data-state")).as(job.getText()).isEqualTo("done");
    assertThat(job.getText()).contains("promoted to live");
    new WebDriverWait(driver, WAIT).until(d -> d.findElements(By.cssSelector("#models tr.model"))
        .size() == rows + 1);
    WebElement live = driver.findElement(By.cssSelector("#models tr.model.live"));
    String second = live.getAttribute("data-version");
    assertThat(second).isNotEqualTo(first);
    assertThat(live.findElement(By.className("metrics")).getText()).contains("ndcg@10");

    // roll back: promote the first version again from its row
    driver.findElement(By.cssSelector("#models tr.model[data-version='" + first + "'] .promote"))
        .click();
    new WebDriverWait(driver, WAIT).until(d -> first.equals(d.findElement(
        By.cssSelector("#models tr.model.live")).getAttribute("data-version")));
    assertThat(driver.findElement(By.cssSelector(
        "#models tr.model[data-version='" + second + "'] .status")).getText()).isNotEqualTo("live");
    assertThat(driver.findElement(By.id("models-error")).isDisplayed()).isFalse();
    HeadlessChromium.save(HeadlessChromium.window(driver), "dashboard-registry.png");
  }

  @Test
  void anApiErrorIsShownInlineNextToThePanelThatMadeTheCall() {
    driver.get(base + "/");
    WebElement input = driver.findElement(By.id("user-input"));
    input.clear();
    input.sendKeys("u".repeat(200));
    driver.findElement(By.id("user-load")).click();
    WebElement error = new WebDriverWait(driver, WAIT).until(d -> {
      WebElement e = d.findElement(By.id("recs-error"));
      return e.isDisplayed() ? e : null;
    });
    assertThat(error.getText()).contains("400", "bad_request", "userId");
    new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.id("history-error")).isDisplayed());
    // the browser reports the refused calls; nothing else went wrong
    assertThat(HeadlessChromium.severeConsoleEntries(driver)).isNotEmpty()
        .allSatisfy(e -> assertThat(e).contains("status of 400"));
  }

  @Test
  void aWrongApiKeyTypedOnTheDashboardIsReportedInline() {
    driver.get(base + "/dashboard");
    new WebDriverWait(driver, WAIT).until(d -> !d.findElements(
        By.cssSelector("#models tr.model.live")).isEmpty());
    WebElement key = driver.findElement(By.id("key-input"));
    key.sendKeys("not-the-key");
    key.submit();
    WebElement error = new WebDriverWait(driver, WAIT).until(d -> {
      WebElement e = d.findElement(By.id("models-error"));
      return e.isDisplayed() ? e : null;
    });
    assertThat(error.getText()).contains("401", "unauthorized");
    assertThat(text(By.id("key-source"))).contains("typed here");
    assertThat(((JavascriptExecutor) driver).executeScript(
        "return sessionStorage.getItem('reco4j.apiKey')")).isEqualTo("not-the-key");
    // leave the page (its stats poll would log more 401s), then: only the refused calls logged
    ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
    driver.get("about:blank");
    assertThat(HeadlessChromium.severeConsoleEntries(driver)).isNotEmpty()
        .allSatisfy(e -> assertThat(e).contains("status of 401"));
  }

  /** Searches the catalogue, rates the first hit and waits for the new list; the hit's title. */
  private static String rate(String query, int stars) {
    WebElement search = driver.findElement(By.id("search-input"));
    search.clear();
    search.sendKeys(query);
    WebElement first = new WebDriverWait(driver, WAIT).until(d -> {
      List<WebElement> hits = d.findElements(By.cssSelector("#search-results li.item"));
      return !hits.isEmpty() && hits.get(0).findElement(By.className("title")).getText()
          .toLowerCase().contains(query.toLowerCase()) ? hits.get(0) : null;
    });
    String title = first.findElement(By.className("title")).getText();
    int renders = renders();
    first.findElement(By.cssSelector(".star[data-value='" + stars + "']")).click();
    waitForRecs(renders);
    new WebDriverWait(driver, WAIT).until(d -> d.findElements(
        By.cssSelector("#history .history-item .title")).stream()
        .anyMatch(e -> e.getText().equals(title)));
    return title;
  }

  private static WebElement recs() {
    return driver.findElement(By.id("recs"));
  }

  private static int renders() {
    return Integer.parseInt(recs().getAttribute("data-renders"));
  }

  /** Waits until the list has been drawn again after {@code before} renders, without error. */
  private static void waitForRecs(int before) {
    new WebDriverWait(driver, WAIT).until(d -> {
      WebElement error = d.findElement(By.id("recs-error"));
      if (error.isDisplayed()) {
        throw new AssertionError("recommendations failed: " + error.getText());
      }
      return renders() > before && recs().getAttribute("aria-busy") == null;
    });
  }

  private static List<String> recTitles() {
    return driver.findElements(By.cssSelector("#recs li.rec .title")).stream()
        .map(WebElement::getText).collect(Collectors.toList());
  }

  private static String text(By by) {
    return driver.findElement(by).getText();
  }
}
