package io.reco4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The HTML report of a real experiment on MovieLens-100K ({@link ReportFixture}) opened from
 * {@code file://} in Debian's headless Chromium through Debian's chromedriver (fixed paths, so
 * Selenium never downloads a driver): no console errors, every chart drawn as an SVG of non-zero
 * size naming its runs, the bold leaderboard cells on the best runs. A full-page screenshot goes to
 * {@code target/screenshots/report.png}.
 *
 * <p>Outside CI a machine without Chromium skips with a message; with the environment variable
 * {@code CI} set it fails instead (as reco-server's browser test). With the system properties
 * {@code reco4j.report.html} (a report file) and {@code reco4j.report.screenshot} (a PNG path) set,
 * one more test writes a full-page screenshot of that report: how {@code docs/images/report.png}
 * is made.
 */
class HtmlReportBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final int WIDTH = 1400;
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  static Path tmp;
  static ChromeDriver driver;
  /** The results of {@link ReportFixture}, made once for the tests of this class. */
  static ReportFixture.Results fixture;

  @BeforeAll
  static void startBrowser() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    String message = "the report's browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
        + " (Debian packages chromium and chromium-driver)";
    if (System.getenv("CI") != null) {
      Assertions.assertTrue(present, "CI is set, so the browser test must run: " + message);
    } else {
      if (!present) {
        System.err.println("HtmlReportBrowserTest skipped: " + message);
      }
      Assumptions.assumeTrue(present, "skipped: " + message);
    }
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
        "--disable-gpu", "--window-size=" + WIDTH + ",1000", "--force-device-scale-factor=1",
        "--lang=en-US", "--allow-file-access-from-files");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    driver = new ChromeDriver(service, options);
  }

  static ReportFixture.Results fixture() throws Exception {
    if (fixture == null) {
      fixture = ReportFixture.build(tmp);
    }
    return fixture;
  }

  @AfterAll
  static void stopBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  static List<String> severeConsoleEntries() {
    List<String> severe = new ArrayList<>();
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
        severe.add(e.getLevel() + " " + e.getMessage());
      }
    }
    return severe;
  }

  /** Opens a report and waits until its script has drawn every chart. */
  static int open(Path report) {
    driver.get(report.toUri().toString());
    String n = new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.tagName("body"))
        .getAttribute("data-charts"));
    return Integer.parseInt(n);
  }

  /** A PNG of the whole page, {@link #WIDTH} wide. */
  static byte[] fullPage() {
    driver.executeScript("document.documentElement.style.overflow = 'hidden'");
    long height = ((Number) driver.executeScript(
        "return document.documentElement.scrollHeight")).longValue();
    driver.manage().window().setSize(new Dimension(WIDTH, (int) Math.min(height + 40, 16_000)));
    byte[] png = driver.getScreenshotAs(OutputType.BYTES);
    driver.manage().window().setSize(new Dimension(WIDTH, 1000));
    return png;
  }

  @Test
  void theReportOfARealExperimentRendersEveryChartWithoutConsoleErrors() throws Exception {
    ReportFixture.Results fixture = fixture();
    Path file = tmp.resolve("report.html");
    HtmlReport.write(ExperimentReport.read(fixture.dir()), file);
    List<JsonNode> runs = fixture.runs();
    List<String> labels = runs.stream().map(HtmlReportTest::label).toList();

    // the console check below must be able to fail: an error logged by the page is seen
    open(file);
    driver.executeScript("console.error('reco4j console probe')");
    assertThat(severeConsoleEntries()).anySatisfy(e -> assertThat(e).contains("console probe"));

    int drawn = open(file);
    List<WebElement> charts = driver.findElements(By.cssSelector("div.chart"));
    assertThat(charts).hasSize(9);
    assertThat(drawn).isEqualTo(charts.size());
    for (WebElement chart : charts) {
      String id = chart.getAttribute("id");
      List<WebElement> svg = chart.findElements(By.tagName("svg"));
      assertThat(svg).as("svg of " + id).hasSize(1);
      assertThat(svg.get(0).getRect().getWidth()).as("width of " + id).isGreaterThan(400);
      assertThat(svg.get(0).getRect().getHeight()).as("height of " + id).isGreaterThan(200);
      String text = (String) driver.executeScript("return arguments[0].textContent", svg.get(0));
      List<String> expected = new ArrayList<>();
      ReportFixture.JSON.readTree(chart.getAttribute("data-labels"))
          .forEach(l -> expected.add(l.asText()));
      assertThat(expected).as("runs of " + id).isNotEmpty().isSubsetOf(labels);
      for (String label : expected) {
        assertThat(text).as("text of " + id).contains(label);
      }
      // plotted marks, not just axes: paths beyond the axis lines and the legend icons
      Number paths = (Number) driver.executeScript(
          "return arguments[0].querySelectorAll('path').length", svg.get(0));
      assertThat(paths.intValue()).as("paths in " + id).isGreaterThan(8);
      if (!id.contains("search") && !id.contains("loss") && !id.contains("validation")) {
        assertThat(expected).as("every run in " + id).containsExactlyElementsOf(labels);
      }
    }

    // bold cells: the best run of each column, by the run files
    for (String metric : List.of("ndcg@10", "recall@20", "coverage@10", "arp@20")) {
      List<WebElement> bold = driver.findElements(By.cssSelector(
          "table.leaderboard td.best[data-metric='" + metric + "'] strong"));
      assertThat(bold).as("bold cells of " + metric).hasSize(1);
      String row = (String) driver.executeScript(
          "return arguments[0].closest('tr').getAttribute('data-run')", bold.get(0));
      JsonNode best = runs.get(0);
      for (JsonNode run : runs) {
        double v = HtmlReportTest.mean(run, metric);
        double b = HtmlReportTest.mean(best, metric);
        best = metric.startsWith("arp") ? (v < b ? run : best) : (v > b ? run : best);
      }
      assertThat(row).as("best row of " + metric).isEqualTo(best.path("id").asText());
      assertThat(bold.get(0).getText()).isEqualTo(String.format(Locale.ROOT, "%.4f",
          HtmlReportTest.mean(best, metric)));
    }

    // point labels of the scatter charts (runs with similar values) never cover each other
    assertScatterLabelsApart(runs.size());

    // the drawn convergence chart ends, for each iterative run, at that run's leaderboard ndcg@10
    WebElement curves = driver.findElement(
        By.cssSelector("div.chart[data-kind='convergence-value']"));
    List<?> series = (List<?>) driver.executeScript("return echarts.getInstanceByDom(arguments[0])"
        + ".getOption().series.map(function (s) { return [s.name, s.data[s.data.length - 1][1],"
        + " s.data.length]; })", curves);
    assertThat(series).hasSize(2);
    for (Object o : series) {
      List<?> s = (List<?>) o;
      JsonNode run = fixture.run((String) s.get(0));
      String shown = driver.findElement(By.cssSelector("table.leaderboard tr[data-run='"
          + run.path("id").asText() + "'] td[data-metric='ndcg@10']")).getAttribute("data-value");
      assertThat(((Number) s.get(1)).doubleValue()).as("last point of " + s.get(0))
          .isCloseTo(Double.parseDouble(shown), within(1e-5));
      assertThat(((Number) s.get(2)).intValue()).as("points of " + s.get(0))
          .isEqualTo(run.path("params").path("iterations").asInt());
    }
    // the tuning section: the sentence on the one test evaluation and the best trial's row
    WebElement best = driver.findElement(By.cssSelector("table.trials tr.best"));
    assertThat(best.isDisplayed()).isTrue();
    assertThat(best.findElement(By.tagName("td")).getText()).isEqualTo(String.valueOf(
        fixture.run(ReportFixture.TUNED).path("search").path("best").path("trial").asInt()));
    assertThat(driver.findElement(By.tagName("body")).getText())
        .contains("The best configuration was evaluated on the test split once");

    byte[] png = fullPage();
    Path shots = Path.of("target", "screenshots");
    Files.createDirectories(shots);
    Files.write(shots.resolve("report.png"), png);
    assertThat(severeConsoleEntries()).as("browser console errors").isEmpty();
  }

  /** The point labels of every scatter chart on the page: all drawn, none covering another. */
  static void assertScatterLabelsApart(int labels) {
    for (String kind : List.of("time-vs-accuracy", "accuracy-vs-coverage",
        "accuracy-vs-popularity")) {
      WebElement chart = driver.findElement(By.cssSelector("div.chart[data-kind='" + kind + "']"));
      List<?> overlaps = (List<?>) driver.executeScript("""
          var labels = JSON.parse(arguments[0].getAttribute('data-labels'));
          var rects = [];
          arguments[0].querySelectorAll('svg text[paint-order]').forEach(function (t) {
            if (labels.indexOf(t.textContent) >= 0) {
              rects.push({name: t.textContent, r: t.getBoundingClientRect()});
            }
          });
          var out = [];
          rects.forEach(function (a, i) {
            rects.slice(i + 1).forEach(function (b) {
              if (a.r.left < b.r.right && b.r.left < a.r.right && a.r.top < b.r.bottom
                  && b.r.top < a.r.bottom) {
                out.push(a.name + ' / ' + b.name);
              }
            });
          });
          return [rects.length].concat(out);""", chart);
      assertThat(((Number) overlaps.get(0)).intValue()).as("point labels in " + kind)
          .isEqualTo(labels);
      assertThat(overlaps.subList(1, overlaps.size())).as("overlapping labels in " + kind)
          .isEmpty();
    }
  }

  @Test
  void twoRunsWithTheSameValuesGetLabelsThatDoNotCoverEachOther() throws Exception {
    ReportFixture.Results fixture = fixture();
    // the fixture's results plus a second copy of its ease run under another id and label
    Path dir = tmp.resolve("twin-results");
    Files.createDirectories(dir.resolve("runs"));
    try (var files = Files.list(fixture.dir().resolve("runs"))) {
      for (Path p : files.toList()) {
        Files.copy(p, dir.resolve("runs").resolve(p.getFileName()));
      }
    }
    String id = fixture.run("ease").path("id").asText();
    String twin = "0000" + id.substring(4);
    ObjectNode run =
        (ObjectNode) fixture.run("ease").deepCopy();
    run.put("id", twin);
    ((ObjectNode) run.path("report").path("algorithms")
        .get(0)).put("name", "ease-twin");
    Files.write(ExperimentRunner.runFile(dir, twin), ReportFixture.JSON.writeValueAsBytes(run));
    Files.copy(ExperimentRunner.perUserFile(fixture.dir(), id),
        ExperimentRunner.perUserFile(dir, twin));
    ObjectNode manifest =
        (ObjectNode) ReportFixture.JSON.readTree(
            fixture.dir().resolve("experiment.json").toFile());
    ((ArrayNode) manifest.path("runs")).addObject()
        .put("id", twin).put("description", "ease again");
    Files.write(dir.resolve("experiment.json"), ReportFixture.JSON.writeValueAsBytes(manifest));
    Path file = tmp.resolve("twin.html");
    HtmlReport.write(ExperimentReport.read(dir), file);
    open(file);
    assertScatterLabelsApart(fixture.runs().size() + 1);
    assertThat(severeConsoleEntries()).as("browser console errors").isEmpty();
  }

  @Test
  @EnabledIfSystemProperty(named = "reco4j.report.html", matches = ".+")
  void aFullPageScreenshotOfAGivenReport() throws Exception {
    Path report = Path.of(System.getProperty("reco4j.report.html")).toAbsolutePath();
    Path png = Path.of(System.getProperty("reco4j.report.screenshot",
        "target/screenshots/given-report.png")).toAbsolutePath();
    int drawn = open(report);
    assertThat(drawn).isPositive();
    Files.createDirectories(png.getParent());
    Files.write(png, fullPage());
    assertThat(severeConsoleEntries()).as("browser console errors").isEmpty();
  }
}
