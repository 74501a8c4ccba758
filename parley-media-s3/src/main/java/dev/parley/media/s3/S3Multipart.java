package dev.parley.media.s3;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/** A multipart upload of one blob, started on its first part (see {@link S3BlobStore#finish}). Not thread-safe. */
final class S3Multipart {
    private final S3Client s3;
    private final String bucket;
    private final String blob;
    private final S3BlobStore.Caller caller;
    private final List<CompletedPart> done = new ArrayList<>();
    private String uploadId;

    S3Multipart(S3Client s3, String bucket, String blob, S3BlobStore.Caller caller) {
        this.s3 = s3;
        this.bucket = bucket;
        this.blob = blob;
        this.caller = caller;
    }

    boolean started() {
        return uploadId != null;
    }

    /** Uploads the spool's contents as the next part and empties the spool. */
    void upload(FileChannel spool, Path spoolFile) throws IOException {
        if (uploadId == null) {
            uploadId = caller.call("CreateMultipartUpload", blob,
                    () -> s3.createMultipartUpload(c -> c.bucket(bucket).key(blob)).uploadId());
        }
        int number = done.size() + 1;
        String etag = caller.call("UploadPart", blob + " part " + number, () -> s3.uploadPart(u -> u.bucket(bucket)
                .key(blob).uploadId(uploadId).partNumber(number), RequestBody.fromFile(spoolFile)).eTag());
        done.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        spool.truncate(0);
        spool.position(0);
    }

    void complete() throws IOException {
        caller.call("CompleteMultipartUpload", blob, () -> s3.completeMultipartUpload(c -> c.bucket(bucket).key(blob)
                .uploadId(uploadId).multipartUpload(m -> m.parts(done))));
    }

    void abort(Exception cause) {
        if (uploadId == null) {
            return;
        }
        try {
            s3.abortMultipartUpload(a -> a.bucket(bucket).key(blob).uploadId(uploadId));
        } catch (SdkException e) {
            cause.addSuppressed(e);
        }
    }
}
