package dev.ffe.steps.aws;

import dev.ffe.core.Secret;
import java.net.URI;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** An in-process S3-compatible server on loopback (S3Proxy, transient blob store). */
final class S3ProxyServer {
  static final String IDENTITY = "ffe-test-identity";
  static final String CREDENTIAL = "ffe-test-credential-s3cr3t";

  private final S3Proxy proxy;
  private final BlobStoreContext context;
  final URI endpoint;
  final S3Client admin;

  S3ProxyServer() throws Exception {
    context =
        ContextBuilder.newBuilder("transient")
            .credentials(IDENTITY, CREDENTIAL)
            .build(BlobStoreContext.class);
    proxy =
        S3Proxy.builder()
            .blobStore(context.getBlobStore())
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, IDENTITY, CREDENTIAL)
            .endpoint(URI.create("http://127.0.0.1:0"))
            .build();
    proxy.start();
    endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    admin =
        S3Client.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(IDENTITY, CREDENTIAL)))
            .build();
  }

  void createBucket(String bucket) {
    admin.createBucket(b -> b.bucket(bucket));
  }

  S3Target.Builder target(String bucket) {
    return S3Target.builder(bucket)
        .prefix("ffe")
        .endpoint(endpoint)
        .region("us-east-1")
        .pathStyle(true)
        .credentials(IDENTITY, Secret.of(CREDENTIAL));
  }

  void stop() throws Exception {
    proxy.stop();
  }

  void close() throws Exception {
    admin.close();
    proxy.stop();
    context.close();
  }
}
