package fableforge.story;

import java.util.Arrays;

/** The frame shapes a story can be made in, with the pixel size used for 1080p output. */
public enum AspectRatio {
    PORTRAIT("9:16", 1080, 1920),
    LANDSCAPE("16:9", 1920, 1080),
    SQUARE("1:1", 1080, 1080);

    public static final AspectRatio DEFAULT = PORTRAIT;

    private final String label;
    private final int width;
    private final int height;

    AspectRatio(String label, int width, int height) {
        this.label = label;
        this.width = width;
        this.height = height;
    }

    public static AspectRatio fromLabel(String label) {
        return Arrays.stream(values())
                .filter(ratio -> ratio.label.equals(label))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown aspect ratio " + label));
    }

    public String label() {
        return label;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }
}
