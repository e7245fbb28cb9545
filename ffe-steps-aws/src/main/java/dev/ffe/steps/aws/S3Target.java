package dev.ffe.steps.aws;

import dev.ffe.core.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * An S3 bucket and prefix (or an S3-compatible store) that holds backups under {@code
 * {prefix}/{environment}/}, through the AWS SDK for Java v2. Archives above the multipart threshold
 * are uploaded in parts whose size grows with the archive (S3 allows at most 10,000 parts); a
 * failed multipart upload is aborted. Credentials come from the SDK's default provider chain unless
 * given explicitly, and never appear in messages or logs.
 *
 * <p>Immutable and thread-safe; the S3 client is created on first use and closed by {@link
 * #close()} (a client passed to {@link Builder#client(S3Client)} is the caller's to close).
 */
public final class S3Target implements BackupTarget {
  private static final Logger LOG = LoggerFactory.getLogger(S3Target.class);
  private static final long MIB = 1024 * 1024;
  private static final long MIN_PART = 5 * MIB;
  private static final int MAX_PARTS = 10_000;
  private static final Set<String> OPTIONS =
      Set.of("endpoint", "region", "path-style", "checksum-mode", "sse", "kms-key-id", "part-size");

  /**
   * When the SDK adds request checksums; S3-compatible stores often need {@link #WHEN_REQUIRED}.
   */
  public enum ChecksumMode {
    /** The SDK default since 2.30: a CRC32 checksum on every upload. */
    WHEN_SUPPORTED,
    /** Only where the S3 API requires one; accepted by MinIO, S3Proxy, Ceph and older stores. */
    WHEN_REQUIRED
  }

  /** Server-side encryption requested on upload. */
  public enum Encryption {
    /** No encryption header (the bucket's default encryption still applies). */
    NONE,
    /** {@code x-amz-server-side-encryption: AES256}. */
    AES256,
    /** {@code x-amz-server-side-encryption: aws:kms}, with an optional key id. */
    AWS_KMS
  }

  private final String bucket;
  private final String prefix;
  private final Optional<String> region;
  private final Optional<URI> endpoint;
  private final boolean pathStyle;
  private final ChecksumMode checksumMode;
  private final Encryption encryption;
  private final Optional<String> kmsKeyId;
  private final Optional<String> accessKeyId;
  private final Optional<Secret> secretAccessKey;
  private final long partSize;
  private final long multipartThreshold;
  private final Path stagingDirectory;
  private final Optional<S3Client> givenClient;
  private final Consumer<S3ClientBuilder> customizer;
  private S3Client client;

  private S3Target(Builder b) {
    this.bucket = b.bucket;
    this.prefix = b.prefix;
    this.region = Optional.ofNullable(b.region);
    this.endpoint = Optional.ofNullable(b.endpoint);
    this.pathStyle = b.pathStyle;
    this.checksumMode =
        b.checksumMode != null
            ? b.checksumMode
            : b.endpoint != null ? ChecksumMode.WHEN_REQUIRED : ChecksumMode.WHEN_SUPPORTED;
    this.encryption = b.encryption;
    this.kmsKeyId = Optional.ofNullable(b.kmsKeyId);
    this.accessKeyId = Optional.ofNullable(b.accessKeyId);
    this.secretAccessKey = Optional.ofNullable(b.secretAccessKey);
    this.partSize = b.partSize;
    this.multipartThreshold = b.multipartThreshold;
    this.stagingDirectory = b.stagingDirectory;
    this.givenClient = Optional.ofNullable(b.client);
    this.customizer = b.customizer;
  }

  /** Returns a builder for a target in {@code bucket}. */
  public static Builder builder(String bucket) {
    return new Builder(bucket);
  }

  static S3Target fromUri(String uri, Map<String, String> options, Map<String, String> env) {
    String rest = uri.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1);
    for (String key : options.keySet()) {
      if (!OPTIONS.contains(key)) {
        throw new IllegalArgumentException(
            "unknown S3 option '" + key + "': accepted are " + new java.util.TreeSet<>(OPTIONS));
      }
    }
    Map<String, String> merged = new HashMap<>();
    for (String key : OPTIONS) {
      String envName = "FFE_S3_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
      String value = options.getOrDefault(key, env.get(envName));
      if (value != null && !value.isBlank()) {
        merged.put(key, value.strip());
      }
    }
    Builder b = builder(bucket).prefix(prefix);
    if (merged.containsKey("endpoint")) {
      b.endpoint(URI.create(merged.get("endpoint")));
    }
    if (merged.containsKey("region")) {
      b.region(merged.get("region"));
    }
    if (merged.containsKey("path-style")) {
      String v = merged.get("path-style");
      if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
        throw new IllegalArgumentException(
            "S3 option path-style must be true or false, got '" + v + "'");
      }
      b.pathStyle(Boolean.parseBoolean(v));
    }
    if (merged.containsKey("checksum-mode")) {
      b.checksumMode(enumValue(ChecksumMode.class, "checksum-mode", merged.get("checksum-mode")));
    }
    if (merged.containsKey("sse")) {
      String v = merged.get("sse").equalsIgnoreCase("aws:kms") ? "AWS_KMS" : merged.get("sse");
      b.encryption(enumValue(Encryption.class, "sse", v));
    }
    if (merged.containsKey("kms-key-id")) {
      b.kmsKeyId(merged.get("kms-key-id"));
    }
    if (merged.containsKey("part-size")) {
      b.partSize(parseSize(merged.get("part-size")));
    }
    return b.build();
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String option, String value) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "S3 option "
              + option
              + " must be one of "
              + java.util.Arrays.toString(type.getEnumConstants())
              + ", got '"
              + value
              + "'",
          e);
    }
  }

  static long parseSize(String text) {
    String t = text.strip().toUpperCase(Locale.ROOT);
    long unit = 1;
    for (String[] suffix :
        new String[][] {
          {"MIB", "1048576"}, {"MB", "1048576"}, {"GIB", "1073741824"}, {"GB", "1073741824"}
        }) {
      if (t.endsWith(suffix[0])) {
        unit = Long.parseLong(suffix[1]);
        t = t.substring(0, t.length() - suffix[0].length()).strip();
        break;
      }
    }
    try {
      return Math.multiplyExact(Long.parseLong(t), unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "size '" + text + "' is not valid: use bytes or a number with MiB or GiB", e);
    }
  }

  /** Returns the bucket. */
  public String bucket() {
    return bucket;
  }

  /** Returns the key prefix, without leading or trailing {@code /}; may be empty. */
  public String prefix() {
    return prefix;
  }

  /** Returns the checksum mode in effect. */
  public ChecksumMode checksumMode() {
    return checksumMode;
  }

  /** Returns the server-side encryption requested on upload. */
  public Encryption encryption() {
    return encryption;
  }

  /** Returns the part size used for an archive of {@code size} bytes (grows past 10,000 parts). */
  public long partSizeFor(long size) {
    long needed = (size + MAX_PARTS - 1) / MAX_PARTS;
    long part = Math.max(partSize, needed);
    return (part + MIB - 1) / MIB * MIB;
  }

  private String objectKey(String key) {
    return prefix.isEmpty() ? key : prefix + "/" + key;
  }

  @Override
  public String location() {
    return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
  }

  @Override
  public String location(String key) {
    return "s3://" + bucket + "/" + objectKey(key);
  }

  /** Returns the S3 client, creating it on first use. */
  public synchronized S3Client client() {
    if (givenClient.isPresent()) {
      return givenClient.get();
    }
    if (client == null) {
      S3ClientBuilder b = S3Client.builder();
      region.ifPresentOrElse(
          r -> b.region(Region.of(r)), () -> endpoint.ifPresent(e -> b.region(Region.US_EAST_1)));
      endpoint.ifPresent(b::endpointOverride);
      b.forcePathStyle(pathStyle);
      if (checksumMode == ChecksumMode.WHEN_REQUIRED) {
        b.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
        b.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
      } else {
        b.requestChecksumCalculation(RequestChecksumCalculation.WHEN_SUPPORTED);
        b.responseChecksumValidation(ResponseChecksumValidation.WHEN_SUPPORTED);
      }
      AwsCredentialsProvider credentials =
          accessKeyId.isPresent() && secretAccessKey.isPresent()
              ? StaticCredentialsProvider.create(
                  AwsBasicCredentials.create(accessKeyId.get(), secretAccessKey.get().reveal()))
              : DefaultCredentialsProvider.builder().build();
      b.credentialsProvider(credentials);
      customizer.accept(b);
      client = b.build();
    }
    return client;
  }

  @Override
  public Map<String, Long> list(String folder) {
    String p = objectKey(folder) + "/";
    Map<String, Long> out = new TreeMap<>();
    try {
      for (S3Object o :
          client()
              .listObjectsV2Paginator(r -> r.bucket(bucket).prefix(p).delimiter("/"))
              .contents()) {
        out.put(o.key().substring(p.length()), o.size());
      }
    } catch (SdkException e) {
      throw translate(e, p, "list");
    }
    return out;
  }

  @Override
  public boolean exists(String key) {
    return head(objectKey(key)).isPresent();
  }

  private Optional<HeadObjectResponse> head(String objectKey) {
    try {
      return Optional.of(client().headObject(r -> r.bucket(bucket).key(objectKey)));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404 && !"NoSuchBucket".equals(errorCode(e))) {
        return Optional.empty();
      }
      throw translate(e, objectKey, "check");
    } catch (SdkException e) {
      throw translate(e, objectKey, "check");
    }
  }

  @Override
  public InputStream open(String key) {
    String k = objectKey(key);
    try {
      return client().getObject(r -> r.bucket(bucket).key(k));
    } catch (NoSuchKeyException e) {
      throw new BackupException("backup file s3://" + bucket + "/" + k + " does not exist", e);
    } catch (SdkException e) {
      throw translate(e, k, "download");
    }
  }

  @Override
  public Optional<Path> localFile(String key) {
    return Optional.empty();
  }

  @Override
  public Path stagingFile(String key) throws IOException {
    Files.createDirectories(stagingDirectory);
    String name = key.substring(key.lastIndexOf('/') + 1);
    return Files.createTempFile(stagingDirectory, ".ffe-" + name + "-", ".part");
  }

  @Override
  public void store(Path file, String key) throws IOException {
    String k = objectKey(key);
    try {
      if (head(k).isPresent()) {
        throw new BackupException(
            "backup file s3://"
                + bucket
                + "/"
                + k
                + " already exists: refusing to overwrite a backup");
      }
      long size = Files.size(file);
      if (size <= multipartThreshold) {
        putObject(file, k);
      } else {
        multipart(file, k, size);
      }
      long stored = head(k).map(HeadObjectResponse::contentLength).orElse(-1L);
      if (stored != size) {
        delete(key);
        throw new BackupException(
            "upload of s3://"
                + bucket
                + "/"
                + k
                + " stored "
                + stored
                + " bytes instead of "
                + size
                + "; removed it, retry the backup");
      }
    } catch (SdkException e) {
      throw translate(e, k, "upload");
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private void putObject(Path file, String k) {
    PutObjectRequest.Builder req = PutObjectRequest.builder().bucket(bucket).key(k);
    if (encryption == Encryption.AES256) {
      req.serverSideEncryption(ServerSideEncryption.AES256);
    } else if (encryption == Encryption.AWS_KMS) {
      req.serverSideEncryption(ServerSideEncryption.AWS_KMS);
      kmsKeyId.ifPresent(req::ssekmsKeyId);
    }
    client().putObject(req.build(), RequestBody.fromFile(file));
  }

  private void multipart(Path file, String k, long size) {
    CreateMultipartUploadRequest.Builder create =
        CreateMultipartUploadRequest.builder().bucket(bucket).key(k);
    if (encryption == Encryption.AES256) {
      create.serverSideEncryption(ServerSideEncryption.AES256);
    } else if (encryption == Encryption.AWS_KMS) {
      create.serverSideEncryption(ServerSideEncryption.AWS_KMS);
      kmsKeyId.ifPresent(create::ssekmsKeyId);
    }
    boolean crc = checksumMode == ChecksumMode.WHEN_SUPPORTED;
    if (crc) {
      create.checksumAlgorithm(ChecksumAlgorithm.CRC32);
    }
    String uploadId = client().createMultipartUpload(create.build()).uploadId();
    try {
      long part = partSizeFor(size);
      List<CompletedPart> parts = new ArrayList<>();
      int number = 1;
      for (long offset = 0; offset < size; offset += part, number++) {
        if (Thread.currentThread().isInterrupted()) {
          throw new java.util.concurrent.CancellationException("upload of " + k + " interrupted");
        }
        long length = Math.min(part, size - offset);
        long from = offset;
        UploadPartRequest.Builder up =
            UploadPartRequest.builder()
                .bucket(bucket)
                .key(k)
                .uploadId(uploadId)
                .partNumber(number)
                .contentLength(length);
        if (crc) {
          up.checksumAlgorithm(ChecksumAlgorithm.CRC32);
        }
        UploadPartResponse response =
            client()
                .uploadPart(
                    up.build(),
                    RequestBody.fromContentProvider(
                        () -> slice(file, from, length), length, "application/octet-stream"));
        CompletedPart.Builder done =
            CompletedPart.builder().partNumber(number).eTag(response.eTag());
        if (crc) {
          done.checksumCRC32(response.checksumCRC32());
        }
        parts.add(done.build());
      }
      client()
          .completeMultipartUpload(
              r -> r.bucket(bucket).key(k).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
    } catch (RuntimeException e) {
      try {
        client().abortMultipartUpload(r -> r.bucket(bucket).key(k).uploadId(uploadId));
      } catch (RuntimeException abortFailed) {
        e.addSuppressed(abortFailed);
        LOG.warn(
            "could not abort multipart upload of s3://{}/{}; a bucket lifecycle rule for"
                + " incomplete uploads will remove its parts",
            bucket,
            k);
      }
      throw e;
    }
  }

  private static InputStream slice(Path file, long offset, long length) {
    try {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
      channel.position(offset);
      InputStream in = Channels.newInputStream(channel);
      return new java.io.FilterInputStream(in) {
        private long left = length;

        @Override
        public int read() throws IOException {
          if (left <= 0) {
            return -1;
          }
          int b = in.read();
          if (b >= 0) {
            left--;
          }
          return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          if (left <= 0) {
            return -1;
          }
          int n = in.read(b, off, (int) Math.min(len, left));
          if (n > 0) {
            left -= n;
          }
          return n;
        }
      };
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void delete(String key) {
    String k = objectKey(key);
    try {
      client().deleteObject(r -> r.bucket(bucket).key(k));
    } catch (NoSuchKeyException e) {
      // already gone
    } catch (SdkException e) {
      throw translate(e, k, "delete");
    }
  }

  private static String errorCode(S3Exception e) {
    return e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
  }

  private BackupException translate(SdkException e, String key, String action) {
    if (e instanceof S3Exception s3) {
      String code = errorCode(s3);
      if ("NoSuchBucket".equals(code)) {
        return new BackupException(
            "bucket '" + bucket + "' does not exist: create it or fix the target " + location(), e);
      }
      if (s3.statusCode() == 403
          || Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied").contains(code)) {
        return new BackupException(
            "access to bucket '"
                + bucket
                + "' was denied ("
                + code
                + "): check the credentials (default AWS provider chain: AWS_ACCESS_KEY_ID,"
                + " AWS_PROFILE, instance role) and the bucket policy",
            e);
      }
      return new BackupException(
          "S3 could not "
              + action
              + " s3://"
              + bucket
              + "/"
              + key
              + " (HTTP "
              + s3.statusCode()
              + (code.isEmpty() ? "" : ", " + code)
              + "); retry later or check the store",
          e);
    }
    if (e instanceof SdkClientException) {
      return new BackupException(
          "cannot "
              + action
              + " s3://"
              + bucket
              + "/"
              + key
              + endpoint.map(u -> " at " + u).orElse("")
              + ": "
              + e.getMessage(),
          e);
    }
    return new BackupException(
        "S3 " + action + " of s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
      client = null;
    }
  }

  @Override
  public String toString() {
    return location();
  }

  /**
   * Builds an {@link S3Target}.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private final String bucket;
    private String prefix = "";
    private String region;
    private URI endpoint;
    private boolean pathStyle;
    private ChecksumMode checksumMode;
    private Encryption encryption = Encryption.NONE;
    private String kmsKeyId;
    private String accessKeyId;
    private Secret secretAccessKey;
    private long partSize = 8 * MIB;
    private long multipartThreshold = 16 * MIB;
    private Path stagingDirectory = Path.of(System.getProperty("java.io.tmpdir"));
    private S3Client client;
    private Consumer<S3ClientBuilder> customizer = b -> {};

    private Builder(String bucket) {
      Objects.requireNonNull(bucket, "bucket == null");
      if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
        throw new IllegalArgumentException(
            "bucket name '"
                + bucket
                + "' is not valid: use 3-63 lower-case letters, digits, '.' or '-'");
      }
      this.bucket = bucket;
    }

    /** Sets the key prefix under which environments are stored, e.g. {@code backups/ffe}. */
    public Builder prefix(String prefix) {
      Objects.requireNonNull(prefix, "prefix == null");
      String p = prefix.replaceAll("^/+|/+$", "");
      if (p.contains("//") || p.contains("..")) {
        throw new IllegalArgumentException("prefix '" + prefix + "' must not contain '//' or '..'");
      }
      this.prefix = p;
      return this;
    }

    /** Sets the region; default: the SDK's region chain ({@code AWS_REGION}, profile). */
    public Builder region(String region) {
      this.region = Objects.requireNonNull(region, "region == null");
      return this;
    }

    /** Sets an endpoint for an S3-compatible store (MinIO, Ceph, S3Proxy). */
    public Builder endpoint(URI endpoint) {
      this.endpoint = Objects.requireNonNull(endpoint, "endpoint == null");
      return this;
    }

    /** Uses path-style URLs ({@code host/bucket/key}), which most S3-compatible stores need. */
    public Builder pathStyle(boolean pathStyle) {
      this.pathStyle = pathStyle;
      return this;
    }

    /**
     * Sets the checksum mode; default {@code WHEN_SUPPORTED} for AWS and {@code WHEN_REQUIRED} when
     * an endpoint is set.
     */
    public Builder checksumMode(ChecksumMode mode) {
      this.checksumMode = Objects.requireNonNull(mode, "mode == null");
      return this;
    }

    /** Sets the server-side encryption requested on upload; default none. */
    public Builder encryption(Encryption encryption) {
      this.encryption = Objects.requireNonNull(encryption, "encryption == null");
      return this;
    }

    /** Sets the KMS key for {@link Encryption#AWS_KMS}; default the bucket's AWS-managed key. */
    public Builder kmsKeyId(String kmsKeyId) {
      this.kmsKeyId = Objects.requireNonNull(kmsKeyId, "kmsKeyId == null");
      return this;
    }

    /** Uses static credentials instead of the default provider chain. */
    public Builder credentials(String accessKeyId, Secret secretAccessKey) {
      this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId == null");
      this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey == null");
      return this;
    }

    /** Sets the minimum multipart part size; default 8 MiB, at least 5 MiB. */
    public Builder partSize(long bytes) {
      if (bytes < MIN_PART) {
        throw new IllegalArgumentException(
            "part size " + bytes + " is below S3's minimum of 5 MiB");
      }
      this.partSize = bytes;
      return this;
    }

    /** Sets the size above which uploads are multipart; default 16 MiB. */
    public Builder multipartThreshold(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("multipart threshold must not be negative");
      }
      this.multipartThreshold = bytes;
      return this;
    }

    /** Sets where archives are written before upload; default {@code java.io.tmpdir}. */
    public Builder stagingDirectory(Path directory) {
      this.stagingDirectory = Objects.requireNonNull(directory, "directory == null");
      return this;
    }

    /** Uses a client the caller built and owns; the other client settings are then ignored. */
    public Builder client(S3Client client) {
      this.client = Objects.requireNonNull(client, "client == null");
      return this;
    }

    /**
     * Adjusts the client builder before the client is built (interceptors, HTTP client, retries).
     */
    public Builder customizeClient(Consumer<S3ClientBuilder> customizer) {
      this.customizer = Objects.requireNonNull(customizer, "customizer == null");
      return this;
    }

    /** Returns the target. */
    public S3Target build() {
      return new S3Target(this);
    }
  }
}
