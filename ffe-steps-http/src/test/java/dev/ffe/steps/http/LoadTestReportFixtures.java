package dev.ffe.steps.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Deterministic load-test reports for the HTML report's tests and screenshot. */
final class LoadTestReportFixtures {
  private LoadTestReportFixtures() {}

  static final int SECONDS = 30;

  /**
   * A 30-second closed-model test of a shop: users ramp up for 10 s, the checkout slows and fails
   * for a few seconds in the middle, one threshold breaks.
   */
  static LoadTestReport shop() {
    List<SecondStats> series = new ArrayList<>();
    long requests = 0;
    long errors = 0;
    for (int s = 1; s <= SECONDS; s++) {
      int users = Math.min(50, s * 5);
      boolean incident = s >= 17 && s <= 20;
      double p50 = 11 + users * 0.08 + (incident ? 35 : 0) + (s % 3) * 0.7;
      double p95 = p50 * 2.1 + (incident ? 120 : 0) + (s % 4) * 1.3;
      double p99 = p95 * 1.6 + (s % 5) * 2.5;
      long req = Math.round(users * 19.5 * (incident ? 0.62 : 1) + (s % 3) * 7);
      long err = incident ? Math.round(req * (0.12 + (s - 17) * 0.04)) : (s % 7 == 0 ? 1 : 0);
      requests += req;
      errors += err;
      series.add(new SecondStats(s, req, err, p50, p95, p99, p99 * 1.8, users));
    }
    List<TaskStats> tasks =
        List.of(
            new TaskStats(
                "browse",
                3,
                requests * 3 / 5,
                2,
                2.0 / (requests * 3 / 5),
                new LatencyStats(13.1, 24.6, 31.2, 58.4, 212.0, 15.3, 1.9),
                Map.of("timeout", 2L)),
            new TaskStats(
                "search",
                1,
                requests / 5,
                0,
                0,
                new LatencyStats(18.7, 33.0, 41.5, 77.9, 190.5, 20.8, 3.2),
                Map.of()),
            new TaskStats(
                "checkout",
                1,
                requests - requests * 3 / 5 - requests / 5,
                errors - 2,
                (double) (errors - 2) / (requests - requests * 3 / 5 - requests / 5),
                new LatencyStats(25.4, 96.0, 171.3, 298.2, 611.0, 41.7, 4.4),
                Map.of("status 503", errors - 12, "connection reset", 10L)));
    List<LatencyPercentile> distribution = new ArrayList<>();
    double[][] curve = {
      {0, 1.9},
      {10, 8.4},
      {20, 10.2},
      {30, 11.6},
      {40, 12.9},
      {50, 14.2},
      {60, 15.8},
      {70, 18.0},
      {75, 19.6},
      {80, 21.7},
      {85, 24.9},
      {90, 30.1},
      {92.5, 34.6},
      {95, 43.8},
      {96, 51.2},
      {97, 63.5},
      {98, 88.0},
      {99, 141.0},
      {99.5, 198.0},
      {99.9, 352.0},
      {99.95, 431.0},
      {99.99, 556.0},
      {99.999, 602.0},
      {100, 611.0}
    };
    for (double[] point : curve) {
      distribution.add(new LatencyPercentile(point[0], point[1]));
    }
    LoadTestReport raw =
        new LoadTestReport(
            "closed",
            "http://shop.test:8080/",
            SECONDS,
            requests,
            Math.round(requests * 10.0 / SECONDS) / 10.0,
            errors,
            (double) errors / requests,
            new LatencyStats(14.2, 30.1, 43.8, 141.0, 611.0, 19.4, 1.9),
            3,
            tasks,
            series,
            List.of(),
            true,
            false,
            distribution);
    return raw.judgedBy(
        List.of(
            Threshold.parse("p95<500ms"),
            Threshold.parse("p99<100ms"),
            Threshold.parse("error_rate<1%"),
            Threshold.parse("rps>=100")));
  }

  /** A report whose every text field tries to break out of the page. */
  static LoadTestReport hostile() {
    String evil = "<script>alert('x')</script>\"><img src=\"http://127.0.0.1:9/x.png\">&amp;";
    return new LoadTestReport(
        "closed",
        "http://evil.test/" + evil,
        2,
        10,
        5,
        1,
        0.1,
        new LatencyStats(1, 2, 3, 4, 5, 2, 1),
        0,
        List.of(
            new TaskStats(
                evil,
                1,
                10,
                1,
                0.1,
                new LatencyStats(1, 2, 3, 4, 5, 2, 1),
                Map.of(evil + "\u0000", 1L))),
        List.of(new SecondStats(1, 5, 1, 1, 2, 3, 4, 1), new SecondStats(2, 5, 0, 1, 2, 3, 4, 1)),
        List.of(new ThresholdResult(evil, "p95", 3, 1, false, "p95 was " + evil)),
        false,
        false,
        List.of(new LatencyPercentile(0, 1), new LatencyPercentile(100, 5)));
  }
}
