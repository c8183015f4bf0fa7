package fableforge.image.offline;

import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * A drawn character as data: shapes in paint order, in figure units with the feet on y = 0 and the
 * animal facing +x. Keeping it as data lets the style decide how to ink it and lets effects find the
 * silhouette, the chest (where the artifact hangs) and the eye line.
 */
record Figure(List<Part> parts, Point2D chest, Point2D head) {

    /** One shape of the figure. Outlined parts form the silhouette; details sit inside it. */
    record Part(Shape shape, Color fill, boolean outlined) {
    }

    Rectangle2D bounds() {
        Rectangle2D box = null;
        for (Part part : parts) {
            if (part.outlined()) {
                Rectangle2D b = part.shape().getBounds2D();
                box = box == null ? b : box.createUnion(b);
            }
        }
        return box == null ? new Rectangle2D.Double(-50, -100, 100, 100) : box;
    }

    Area silhouette() {
        Area area = new Area();
        for (Part part : parts) {
            if (part.outlined()) {
                area.add(new Area(part.shape()));
            }
        }
        return area;
    }
}
