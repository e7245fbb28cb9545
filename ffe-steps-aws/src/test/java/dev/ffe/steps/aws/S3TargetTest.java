package dev.ffe.steps.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ffe.core.Secret;
import dev.ffe.steps.aws.internal.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/** Backups through the real AWS SDK against S3Proxy on loopback. */
class S3TargetTest {
  static S3ProxyServer server;
  static int buckets;
  @TempDir Path tmp;
  Path source;
  String bucket;
  MutableClock clock = new MutableClock(Instant.parse("2025-01-29T02:00:00Z"));

  @BeforeAll
  static void start() throws Exception {
    server = new S3ProxyServer();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @BeforeEach
  void setUp() throws Exception {
    source = Trees.sample(tmp.resolve("src"));
    bucket = "ffe-bucket-" + (++buckets);
    server.createBucket(bucket);
  }

  private Backups backups(S3Target target) {
    return Backups.builder(BackupSpec.builder("ffe").source(source).build(), target)
        .clock(clock)
        .workDirectory(tmp.resolve("work"))
        .build();
  }

  private List<String> keys() {
    return server.admin.listObjectsV2(r -> r.bucket(bucket)).contents().stream()
        .map(S3Object::key)
        .toList();
  }

  @Test
  void fullIncrementalVerifyRestoreAndTestRecoveryThroughS3() throws Exception {
    try (S3Target target = server.target(bucket).stagingDirectory(tmp.resolve("staging")).build()) {
      Backups backups = backups(target);
      BackupResult full = backups.full();
      clock.advance(Duration.ofDays(1));
      Trees.file(source, "data/new.txt", "new");
      BackupResult inc = backups.incremental();

      assertThat(full.location()).isEqualTo("s3://" + bucket + "/ffe/production/" + full.archive());
      assertThat(keys())
          .contains(
              "ffe/production/" + full.archive(),
              "ffe/production/" + full.archive() + ".sha256",
              "ffe/production/ffe-full-20250129_020000.manifest.json",
              "ffe/production/" + inc.archive() + ".sha256");
      assertThat(backups.verify(Backups.LATEST).valid()).isTrue();
      Path into = tmp.resolve("restore");
      backups.restore(Backups.LATEST, into);
      assertThat(Trees.describe(into.resolve("app"))).isEqualTo(Trees.describe(source));
      TestRecoveryResult t =
          backups.testRecovery(List.of("app/config/app.yml", "app/data/new.txt"));
      assertThat(t.success()).isTrue();
      assertThat(t.checked()).isEqualTo(2);
      try (var work = Files.list(tmp.resolve("work"))) {
        assertThat(work).as("downloads and the test-recovery directory are cleaned up").isEmpty();
      }
      try (var staged = Files.list(tmp.resolve("staging"))) {
        assertThat(staged).isEmpty();
      }
      assertThat(Json.toJson(full)).doesNotContain(S3ProxyServer.CREDENTIAL);
    }
  }

  @Test
  void largeArchivesGoUpInPartsAndComeBackIntact() throws Exception {
    byte[] random = new byte[11 * 1024 * 1024];
    new Random(42).nextBytes(random);
    Files.write(source.resolve("data/random.bin"), random);
    List<Integer> parts = new CopyOnWriteArrayList<>();
    ExecutionInterceptor recorder =
        new ExecutionInterceptor() {
          @Override
          public void beforeExecution(
              Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof UploadPartRequest up) {
              parts.add(up.partNumber());
            }
          }
        };
    try (S3Target target =
        server
            .target(bucket)
            .partSize(5 * 1024 * 1024)
            .multipartThreshold(5 * 1024 * 1024)
            .customizeClient(b -> b.overrideConfiguration(c -> c.addExecutionInterceptor(recorder)))
            .build()) {
      Backups backups = backups(target);
      BackupResult full = backups.full();

      assertThat(parts).containsExactly(1, 2, 3);
      assertThat(backups.verify(full.archive()).valid()).isTrue();
      Path into = tmp.resolve("r");
      backups.restore(full.archive(), into);
      assertThat(Files.readAllBytes(into.resolve("app/data/random.bin"))).isEqualTo(random);
    }
  }

  @Test
  void partSizeGrowsSoNoArchiveNeedsMoreThanTenThousandParts() {
    S3Target target = server.target(bucket).build();
    long size = 200L * 1024 * 1024 * 1024;
    long part = target.partSizeFor(size);
    assertThat((size + part - 1) / part).isLessThanOrEqualTo(10_000);
    assertThat(target.partSizeFor(1024)).isEqualTo(8 * 1024 * 1024);
  }

  private static final class SseRecorder implements ExecutionInterceptor {
    final List<String> headers = new CopyOnWriteArrayList<>();

    @Override
    public void beforeTransmission(
        Context.BeforeTransmission context, ExecutionAttributes attributes) {
      context
          .httpRequest()
          .firstMatchingHeader("x-amz-server-side-encryption")
          .ifPresent(headers::add);
      context
          .httpRequest()
          .firstMatchingHeader("x-amz-server-side-encryption-aws-kms-key-id")
          .ifPresent(headers::add);
    }
  }

  @Test
  void serverSideEncryptionIsRequestedOnUpload() throws Exception {
    // S3Proxy answers 501 to SSE headers, so the request the client sends is what we check.
    SseRecorder aes = new SseRecorder();
    try (S3Target target =
        server
            .target(bucket)
            .encryption(S3Target.Encryption.AES256)
            .customizeClient(b -> b.overrideConfiguration(c -> c.addExecutionInterceptor(aes)))
            .build()) {
      Backups backups = backups(target);
      assertThatThrownBy(backups::full)
          .isInstanceOf(BackupException.class)
          .hasMessageContaining("501");
      assertThat(aes.headers).contains("AES256");
      assertThat(backups.list()).isEmpty();
    }
    SseRecorder kms = new SseRecorder();
    try (S3Target target =
        server
            .target(bucket)
            .encryption(S3Target.Encryption.AWS_KMS)
            .kmsKeyId("alias/ffe")
            .customizeClient(b -> b.overrideConfiguration(c -> c.addExecutionInterceptor(kms)))
            .build()) {
      assertThatThrownBy(backups(target)::full).isInstanceOf(BackupException.class);
      assertThat(kms.headers).contains("aws:kms", "alias/ffe");
    }
  }

  @Test
  void aPartAnsweredWith503AbortsTheUploadAndLeavesNoBackup() throws Exception {
    byte[] random = new byte[11 * 1024 * 1024];
    new Random(7).nextBytes(random);
    Files.write(source.resolve("data/random.bin"), random);
    ExecutionInterceptor unavailable =
        new ExecutionInterceptor() {
          @Override
          public SdkHttpResponse modifyHttpResponse(
              Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
            if (context.request() instanceof UploadPartRequest up && up.partNumber() == 2) {
              return context.httpResponse().toBuilder().statusCode(503).build();
            }
            return context.httpResponse();
          }
        };
    try (S3Target target =
        server
            .target(bucket)
            .partSize(5 * 1024 * 1024)
            .multipartThreshold(5 * 1024 * 1024)
            .stagingDirectory(tmp.resolve("staging"))
            .customizeClient(
                b ->
                    b.overrideConfiguration(
                        c ->
                            c.addExecutionInterceptor(unavailable)
                                .retryStrategy(r -> r.maxAttempts(2))))
            .build()) {
      Backups backups = backups(target);
      assertThatThrownBy(backups::full)
          .isInstanceOf(BackupException.class)
          .hasMessageContaining("503");
      assertThat(keys()).isEmpty();
      assertThat(server.admin.listMultipartUploads(r -> r.bucket(bucket)).uploads()).isEmpty();
      assertThat(backups.list()).isEmpty();
      try (var staged = Files.list(tmp.resolve("staging"))) {
        assertThat(staged).isEmpty();
      }
    }
  }

  @Test
  void aCrashBeforeTheChecksumIsWrittenLeavesNothingMarkedComplete() throws Exception {
    ExecutionInterceptor crash =
        new ExecutionInterceptor() {
          @Override
          public void beforeTransmission(
              Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (context.request() instanceof PutObjectRequest put
                && put.key().endsWith(".sha256")) {
              throw SdkClientException.create("injected: connection lost");
            }
          }
        };
    try (S3Target target =
        server
            .target(bucket)
            .customizeClient(b -> b.overrideConfiguration(c -> c.addExecutionInterceptor(crash)))
            .build()) {
      Backups backups = backups(target);
      assertThatThrownBy(backups::full)
          .isInstanceOf(BackupException.class)
          .hasMessageContaining("connection lost");
      assertThat(keys()).noneMatch(k -> k.endsWith(".sha256"));
      assertThat(backups.list()).isEmpty();
      assertThatThrownBy(() -> backups.restore("latest", tmp.resolve("r")))
          .hasMessageContaining("no complete backup");
    }
  }

  @Test
  void aMissingBucketIsNamed() {
    try (S3Target target = server.target("no-such-bucket").build()) {
      assertThatThrownBy(backups(target)::full)
          .isInstanceOf(BackupException.class)
          .hasMessageContaining("bucket 'no-such-bucket' does not exist");
    }
  }

  @Test
  void wrongCredentialsAreReportedWithoutTheSecret() {
    try (S3Target target =
        server
            .target(bucket)
            .credentials(S3ProxyServer.IDENTITY, Secret.of("wrong-secret-value"))
            .build()) {
      assertThatThrownBy(backups(target)::full)
          .isInstanceOf(BackupException.class)
          .hasMessageContaining("access to bucket '" + bucket + "' was denied")
          .hasMessageNotContaining("wrong-secret-value");
    }
  }

  @Test
  void anUnreachableStoreFailsCleanly() throws Exception {
    S3ProxyServer down = new S3ProxyServer();
    down.createBucket("down-bucket");
    down.stop();
    try (S3Target target =
        down.target("down-bucket")
            .customizeClient(
                b -> b.overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1))))
            .build()) {
      assertThatThrownBy(backups(target)::full)
          .isInstanceOf(BackupException.class)
          .hasMessageContaining("down-bucket")
          .hasMessageContaining(down.endpoint.toString());
    } finally {
      down.close();
    }
  }

  @Test
  void targetsParseFromTheCommandLineForms() {
    Map<String, String> env =
        Map.of(
            "FFE_S3_ENDPOINT",
            server.endpoint.toString(),
            "FFE_S3_PATH_STYLE",
            "true",
            "FFE_S3_REGION",
            "eu-west-1");
    BackupTarget s3 =
        BackupTarget.parse("s3://my-bucket/backups/ffe", Map.of("sse", "aws:kms"), env);
    assertThat(s3)
        .isInstanceOfSatisfying(
            S3Target.class,
            t -> {
              assertThat(t.bucket()).isEqualTo("my-bucket");
              assertThat(t.prefix()).isEqualTo("backups/ffe");
              assertThat(t.checksumMode()).isEqualTo(S3Target.ChecksumMode.WHEN_REQUIRED);
              assertThat(t.encryption()).isEqualTo(S3Target.Encryption.AWS_KMS);
              assertThat(t.location()).isEqualTo("s3://my-bucket/backups/ffe");
            });
    BackupTarget aws = BackupTarget.parse("s3://my-bucket", Map.of("part-size", "16MiB"), Map.of());
    assertThat(((S3Target) aws).checksumMode()).isEqualTo(S3Target.ChecksumMode.WHEN_SUPPORTED);
    assertThat(((S3Target) aws).partSizeFor(1)).isEqualTo(16 * 1024 * 1024);
    assertThat(BackupTarget.parse("file:/srv/backups"))
        .isEqualTo(BackupTarget.parse("file:/srv/backups"));
    assertThat(BackupTarget.parse("/srv/backups").location()).isEqualTo("file:/srv/backups");
    assertThat(BackupTarget.parse("file:///srv/backups").location()).isEqualTo("file:/srv/backups");
    assertThatThrownBy(() -> BackupTarget.parse("gs://bucket"))
        .hasMessageContaining("s3://bucket/prefix");
    assertThatThrownBy(() -> BackupTarget.parse("s3://b-b-b", Map.of("endpont", "x"), Map.of()))
        .hasMessageContaining("unknown S3 option 'endpont'");
    assertThatThrownBy(
            () -> BackupTarget.parse("s3://b-b-b", Map.of("checksum-mode", "sometimes"), Map.of()))
        .hasMessageContaining("WHEN_REQUIRED");
  }
}
