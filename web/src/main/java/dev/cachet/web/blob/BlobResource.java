package dev.cachet.web.blob;

import dev.cachet.blob.Blob;
import dev.cachet.blob.BlobHash;
import dev.cachet.blob.BlobPage;
import dev.cachet.blob.StoredBlob;
import dev.cachet.blob.ejb.BlobStoreBean;
import dev.cachet.web.TimedBodies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Content-addressed blobs: HTTP in and out of {@link BlobStoreBean}, nothing more. */
@Path("v1/blobs")
@ApplicationScoped
@Tag(name = "blobs", description = "Content-addressed blobs (Blake2b-256 ids)")
public class BlobResource {

  @Inject private BlobStoreBean blobs;

  @PUT
  @Consumes(MediaType.APPLICATION_OCTET_STREAM)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Store a blob under the Blake2b-256 hash of its bytes")
  @APIResponse(
      responseCode = "201",
      description = "stored now",
      content = @Content(schema = @Schema(implementation = BlobRef.class)))
  @APIResponse(
      responseCode = "200",
      description = "was stored before",
      content = @Content(schema = @Schema(implementation = BlobRef.class)))
  @APIResponse(responseCode = "413", ref = "BlobTooLarge")
  public Response put(
      InputStream body,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
      @Context UriInfo uri) {
    return stored(blobs.put(TimedBodies.timed(body), BlobHttp.declaredLength(contentLength)), uri);
  }

  @PUT
  @Path("{hash}")
  @Consumes(MediaType.APPLICATION_OCTET_STREAM)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Store a blob whose hash the caller knows; refused unless the bytes hash to it")
  @APIResponse(
      responseCode = "201",
      description = "stored now",
      content = @Content(schema = @Schema(implementation = BlobRef.class)))
  @APIResponse(
      responseCode = "200",
      description = "was stored before",
      content = @Content(schema = @Schema(implementation = BlobRef.class)))
  @APIResponse(responseCode = "400", ref = "InvalidBlobUpload")
  @APIResponse(responseCode = "413", ref = "BlobTooLarge")
  public Response putKnown(
      @Parameter(description = "64 lowercase hex characters") @PathParam("hash") String hash,
      InputStream body,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
      @Context UriInfo uri) {
    BlobHash expected = BlobHash.parse(hash);
    return stored(
        blobs.put(expected, TimedBodies.timed(body), BlobHttp.declaredLength(contentLength)), uri);
  }

  @GET
  @Path("{hash}")
  @Produces(MediaType.APPLICATION_OCTET_STREAM)
  @Operation(summary = "The bytes of a blob; ETag is its hash, cacheable forever")
  @APIResponse(responseCode = "200", description = "the blob's bytes")
  @APIResponse(responseCode = "304", description = "If-None-Match named this blob")
  @APIResponse(responseCode = "400", ref = "InvalidBlobHash")
  @APIResponse(responseCode = "404", ref = "BlobNotFound")
  public Response get(
      @PathParam("hash") String hash, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
    BlobHash id = BlobHash.parse(hash);
    Blob blob = blobs.get(id);
    if (BlobHttp.ifNoneMatchNames(ifNoneMatch, id)) {
      return immutable(Response.notModified(), id).build();
    }
    StreamingOutput bytes = blob::writeTo;
    return immutable(Response.ok(bytes, BlobHttp.OCTET_STREAM), id)
        .header(HttpHeaders.CONTENT_LENGTH, blob.size())
        .build();
  }

  @HEAD
  @Path("{hash}")
  @Operation(summary = "Whether a blob is stored, and its size, without the bytes")
  @APIResponse(responseCode = "200", description = "stored")
  @APIResponse(responseCode = "400", description = "INVALID_HASH")
  @APIResponse(responseCode = "404", description = "BLOB_NOT_FOUND")
  public Response head(@PathParam("hash") String hash) {
    BlobHash id = BlobHash.parse(hash);
    long size = blobs.size(id);
    return immutable(Response.ok().type(BlobHttp.OCTET_STREAM), id)
        .header(HttpHeaders.CONTENT_LENGTH, size)
        .build();
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Stored blobs in hash order, paged by the last hash of the previous page")
  @APIResponse(
      responseCode = "200",
      description = "one page",
      content = @Content(schema = @Schema(implementation = BlobListing.class)))
  @APIResponse(responseCode = "400", ref = "InvalidBlobPage")
  public BlobListing list(
      @Parameter(description = "list hashes strictly after this one") @QueryParam("after")
          String after,
      @Parameter(description = "page size, 1 to 1000")
          @QueryParam("limit")
          @DefaultValue("" + BlobPage.DEFAULT_LIMIT)
          String limit) {
    Optional<BlobHash> cursor = Optional.ofNullable(after).map(BlobHash::parse);
    return BlobListing.of(blobs.list(cursor, PageLimit.parse(limit)));
  }

  private static Response stored(StoredBlob stored, UriInfo uri) {
    BlobRef body = BlobRef.of(stored);
    if (!stored.created()) {
      return Response.ok(body).build();
    }
    return Response.created(
            uri.getBaseUriBuilder().path(BlobResource.class).path(stored.hash().hex()).build())
        .entity(body)
        .build();
  }

  private static Response.ResponseBuilder immutable(
      Response.ResponseBuilder response, BlobHash id) {
    return response
        .header(HttpHeaders.ETAG, BlobHttp.etag(id))
        .header(HttpHeaders.CACHE_CONTROL, BlobHttp.CACHE_CONTROL);
  }
}
