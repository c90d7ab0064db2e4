package io.reelroute.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The boxes of an ISO base media file (MP4). Only the movie box ({@code moov}, the index) is read whole; the
 * boxes around it, the media data among them, are stepped over by reading their 8 or 16 header bytes.
 * Anything that does not follow the format exactly is {@link UndecidableHeader}: ffprobe is more forgiving.
 */
final class IsoBoxes {
    /** A movie box larger than this is not a short clip's index (a 5 s 1080p clip has about 6 KB). */
    private static final long MAX_MOVIE_BYTES = 16 << 20;

    /** A box: its four-character type and its payload (a big-endian view, from 0, of the bytes after its header). */
    record Box(String type, ByteBuffer payload) {
        /** Version of a full box: the first payload byte. */
        int version() {
            return payload.get(0) & 0xff;
        }

        /** The payload from {@code offset} on, e.g. the child boxes after a sample entry's fixed fields. */
        ByteBuffer from(int offset) {
            if (offset > payload.limit()) {
                throw new UndecidableHeader(type + " box is cut short");
            }
            return payload.slice(offset, payload.limit() - offset);
        }
    }

    private IsoBoxes() {
    }

    /**
     * The payload of the one {@code moov} box of a file that starts with {@code ftyp} and is not fragmented
     * (no {@code moof}: its samples would be described outside the movie box).
     */
    static ByteBuffer movie(FileChannel file) throws IOException {
        long size = file.size();
        ByteBuffer movie = null;
        for (long pos = 0; pos < size; ) {
            ByteBuffer header = read(file, pos, (int) Math.min(16, size - pos));
            String type = header.limit() >= 8 ? type(header, 4) : "";
            if (pos == 0 && !type.equals("ftyp")) {
                throw new UndecidableHeader("not an ISO MP4 file (it does not start with ftyp)");
            }
            long boxSize = boxSize(header, size - pos);
            long headerSize = header.getInt(0) == 1 ? 16 : 8;
            if (type.equals("moof")) {
                throw new UndecidableHeader("a fragmented MP4");
            }
            if (type.equals("moov")) {
                if (movie != null || boxSize - headerSize > MAX_MOVIE_BYTES) {
                    throw new UndecidableHeader(movie != null ? "two moov boxes" : "a very large moov box");
                }
                movie = read(file, pos + headerSize, (int) (boxSize - headerSize));
            }
            pos += boxSize;
        }
        if (movie == null) {
            throw new UndecidableHeader("no moov box (an incomplete file?)");
        }
        return movie;
    }

    /** The boxes one after another in {@code container}, e.g. a box's payload. */
    static List<Box> children(ByteBuffer container) {
        List<Box> boxes = new ArrayList<>();
        for (int pos = 0; pos < container.limit(); ) {
            ByteBuffer rest = container.slice(pos, container.limit() - pos);
            long size = boxSize(rest, rest.limit());
            int headerSize = rest.getInt(0) == 1 ? 16 : 8;
            boxes.add(new Box(type(rest, 4), rest.slice(headerSize, (int) size - headerSize)));
            pos += (int) size;
        }
        return boxes;
    }

    /** The one child of {@code type}, or {@link UndecidableHeader} when it is missing or repeated. */
    static Box child(List<Box> boxes, String type) {
        return optionalChild(boxes, type)
                .orElseThrow(() -> new UndecidableHeader("no " + type + " box"));
    }

    /** The child of {@code type} if there is one; {@link UndecidableHeader} when there are two. */
    static Optional<Box> optionalChild(List<Box> boxes, String type) {
        List<Box> found = boxes.stream().filter(box -> box.type().equals(type)).toList();
        if (found.size() > 1) {
            throw new UndecidableHeader("two " + type + " boxes");
        }
        return found.stream().findFirst();
    }

    static boolean has(List<Box> boxes, String type) {
        return boxes.stream().anyMatch(box -> box.type().equals(type));
    }

    /** The four characters at {@code offset}, e.g. a box type or a handler type. */
    static String type(ByteBuffer buffer, int offset) {
        if (offset + 4 > buffer.limit()) {
            throw new UndecidableHeader("a four-character code is cut short");
        }
        byte[] code = new byte[4];
        buffer.get(offset, code);
        return new String(code, StandardCharsets.ISO_8859_1);
    }

    /** Size of the box whose header starts {@code header}, checked against the {@code room} its parent leaves. */
    private static long boxSize(ByteBuffer header, long room) {
        if (header.limit() < 8) {
            throw new UndecidableHeader("a box header is cut short");
        }
        long size = Integer.toUnsignedLong(header.getInt(0));
        long headerSize = 8;
        if (size == 1) {
            if (header.limit() < 16) {
                throw new UndecidableHeader("a box header is cut short");
            }
            size = header.getLong(8);
            headerSize = 16;
        } else if (size == 0) {
            size = room; // "to the end of the file"
        }
        if (size < headerSize || size > room) {
            throw new UndecidableHeader(type(header, 4) + " box has a size that does not fit");
        }
        return size;
    }

    private static ByteBuffer read(FileChannel file, long pos, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (file.read(buffer, pos + buffer.position()) < 0) {
                throw new UndecidableHeader("the file ends inside a box");
            }
        }
        return buffer.flip();
    }
}
