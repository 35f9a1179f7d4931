package io.reco4j.server.web;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, both at fixed paths so that
 * Selenium never looks for or downloads a driver. Outside CI a machine without them skips the
 * browser tests with a message; under CI (environment variable {@code CI} set) it fails, so the
 * tests can never be skipped silently there ({@code .ci/install-browser.sh} installs both).
 */
final class HeadlessChromium {
  /** Debian's Chromium launcher (package {@code chromium}). */
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  /** Debian's chromedriver (package {@code chromium-driver}). */
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  /** Where screenshots are kept for humans, relative to the module directory. */
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private HeadlessChromium() {}

  /** Skips (locally) or fails (under CI) unless Chromium and chromedriver are installed. */
  static void requireInstalled() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    String message = "headless browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
        + " (Debian packages chromium and chromium-driver; run .ci/install-browser.sh as root)";
    if (System.getenv("CI") != null) {
      Assertions.assertTrue(present, "CI is set, so the browser test must run: " + message);
    } else {
      if (!present) {
        System.err.println("WebPagesBrowserTest skipped: " + message); // visible in quiet builds
      }
      Assumptions.assumeTrue(present, "skipped: " + message);
    }
  }

  /** A fresh headless Chromium, 1500x1000, browser console captured at every level. */
  static ChromeDriver start() {
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
        "--disable-gpu", "--window-size=1500,1000", "--force-device-scale-factor=1",
        "--lang=en-US");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    return driver;
  }

  /** The browser console entries at SEVERE since the last call (reading clears them). */
  static List<String> severeConsoleEntries(WebDriver driver) {
    List<String> severe = new ArrayList<>();
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
        severe.add(e.getLevel() + " " + e.getMessage());
      }
    }
    return severe;
  }

  /** Decodes a PNG screenshot. */
  static BufferedImage decode(byte[] png) {
    try {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
      Assertions.assertNotNull(img, "the screenshot is not a readable PNG");
      return img;
    } catch (IOException e) {
      throw new AssertionError("the screenshot is not a readable PNG", e);
    }
  }

  /** Writes a PNG under {@code target/screenshots/NAME} and returns the path. */
  static Path save(byte[] png, String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Path file = SCREENSHOTS.resolve(name);
    Files.write(file, png);
    return file;
  }

  /** A full-window PNG screenshot. */
  static byte[] window(WebDriver driver) {
    return ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
  }

  /**
   * The share of pixels that differ clearly from the image's most common colour (its background):
   * 0 for a blank image; text, stars and lines raise it.
   */
  static double inkFraction(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
    Map<Integer, Integer> counts = new HashMap<>();
    int background = rgb[0] & 0xFFFFFF;
    int best = 0;
    for (int p : rgb) {
      int c = counts.merge(p & 0xFFFFFF, 1, Integer::sum);
      if (c > best) {
        best = c;
        background = p & 0xFFFFFF;
      }
    }
    int br = background >> 16 & 0xFF;
    int bg = background >> 8 & 0xFF;
    int bb = background & 0xFF;
    long ink = 0;
    for (int p : rgb) {
      int d = Math.abs((p >> 16 & 0xFF) - br) + Math.abs((p >> 8 & 0xFF) - bg)
          + Math.abs((p & 0xFF) - bb);
      if (d > 60) {
        ink++;
      }
    }
    return (double) ink / rgb.length;
  }
}
