package io.reelroute.catalog;

/**
 * {@code models.yaml} cannot be used. Thrown at start-up so a broken catalog stops the service instead of
 * mispricing or misrouting jobs later; the message names the file, the model and the key.
 */
public class CatalogException extends RuntimeException {
    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
