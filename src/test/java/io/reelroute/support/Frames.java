package io.reelroute.support;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Pixel comparisons of still frames (poster.jpg, last.png) for motion assertions. */
public final class Frames {
    private Frames() {
    }

    /** Mean absolute difference of the luma of two same-size images, 0 (identical) to 255. */
    public static double meanDifference(Path a, Path b) {
        BufferedImage x = read(a);
        BufferedImage y = read(b);
        if (x.getWidth() != y.getWidth() || x.getHeight() != y.getHeight()) {
            throw new AssertionError("frames differ in size: " + a + " vs " + b);
        }
        long sum = 0;
        for (int row = 0; row < x.getHeight(); row++) {
            for (int col = 0; col < x.getWidth(); col++) {
                sum += Math.abs(luma(x.getRGB(col, row)) - luma(y.getRGB(col, row)));
            }
        }
        return (double) sum / ((long) x.getWidth() * x.getHeight());
    }

    private static int luma(int rgb) {
        return (299 * ((rgb >> 16) & 0xff) + 587 * ((rgb >> 8) & 0xff) + 114 * (rgb & 0xff)) / 1000;
    }

    private static BufferedImage read(Path file) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new AssertionError("not an image: " + file);
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
