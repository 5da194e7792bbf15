/* test-charts.c: the actor network and the timeline views, in a real window under Xvfb
 *
 * Builds each view from a real library (short items written for the tests,
 * imported and analysed), renders it to PNG files in G_TEST_BUILDDIR
 * (network.png, network-dark.png, timeline.png, timeline-dark.png…) for a
 * person to look at, checks what a person would see in them, and clicks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "attache.h"
#include "attache-network-view.h"
#include "attache-timeline-view.h"

#include "chart-articles.h"
#include "test-helpers.h"
#include "test-ui-helpers.h"

#define WAIT_SECONDS 10

typedef struct
{
  char           *dir;
  AttacheLibrary *library;
  GArray         *ids;
  GtkWindow      *window;
} Fixture;

/* Pictures */

static char *
build_path (const char *name)
{
  return g_test_build_filename (G_TEST_BUILT, name, NULL);
}

typedef struct
{
  int     width;
  int     height;
  guchar *data;     /* cairo ARGB32: B G R A bytes on little endian */
  gsize   stride;
} Pixels;

static void
pixels_load (Pixels     *pixels,
             GdkTexture *texture)
{
  pixels->width = gdk_texture_get_width (texture);
  pixels->height = gdk_texture_get_height (texture);
  pixels->stride = pixels->width * 4;
  pixels->data = g_malloc (pixels->stride * pixels->height);
  gdk_texture_download (texture, pixels->data, pixels->stride);
}

static void
pixels_clear (Pixels *pixels)
{
  g_clear_pointer (&pixels->data, g_free);
}

static void
pixel_at (const Pixels *pixels,
          int           x,
          int           y,
          guint        *r,
          guint        *g,
          guint        *b)
{
  guint32 value = *(const guint32 *) (gconstpointer) (pixels->data + y * pixels->stride + x * 4);

  *r = (value >> 16) & 0xff;
  *g = (value >> 8) & 0xff;
  *b = value & 0xff;
}

/* How many different colours (to 4 bits a channel) the picture has. */
static guint
count_colours (const Pixels *pixels)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (int y = 0; y < pixels->height; y++)
    for (int x = 0; x < pixels->width; x++)
      {
        guint r, g, b;

        pixel_at (pixels, x, y, &r, &g, &b);
        g_hash_table_add (seen, GUINT_TO_POINTER (((r >> 4) << 8 | (g >> 4) << 4 | (b >> 4)) + 1));
      }

  return g_hash_table_size (seen);
}

/* How many pixels are within a few steps of @color ("#1c71d8"). */
static guint
count_colour (const Pixels *pixels,
              const char   *color)
{
  GdkRGBA rgba;
  guint n = 0;
  int wr, wg, wb;

  g_assert_true (gdk_rgba_parse (&rgba, color));
  wr = rgba.red * 255 + 0.5;
  wg = rgba.green * 255 + 0.5;
  wb = rgba.blue * 255 + 0.5;

  for (int y = 0; y < pixels->height; y++)
    for (int x = 0; x < pixels->width; x++)
      {
        guint r, g, b;

        pixel_at (pixels, x, y, &r, &g, &b);
        if (ABS ((int) r - wr) <= 6 && ABS ((int) g - wg) <= 6 && ABS ((int) b - wb) <= 6)
          n++;
      }

  return n;
}

/* The share of pixels that differ from the top-left one (the background). */
static double
drawn_share (const Pixels *pixels)
{
  guint br, bg, bb, n = 0;

  pixel_at (pixels, 0, 0, &br, &bg, &bb);
  for (int y = 0; y < pixels->height; y++)
    for (int x = 0; x < pixels->width; x++)
      {
        guint r, g, b;

        pixel_at (pixels, x, y, &r, &g, &b);
        if (ABS ((int) r - (int) br) + ABS ((int) g - (int) bg) + ABS ((int) b - (int) bb) > 24)
          n++;
      }

  return (double) n / (pixels->width * pixels->height);
}

static double
background_luminance (const Pixels *pixels)
{
  guint r, g, b;

  pixel_at (pixels, 1, 1, &r, &g, &b);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

static void
assert_svg (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "</svg>"));
  /* Text is drawn as glyphs, discs as paths. */
  g_assert_nonnull (strstr (contents, "glyph"));
  g_assert_cmpuint (strlen (contents), >, 4000);
}

static void
assert_png (const char *path,
            int         width,
            int         height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (path, &error);
  Pixels pixels;

  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, height);
  pixels_load (&pixels, texture);
  g_assert_cmpuint (count_colours (&pixels), >=, 12);
  g_assert_cmpfloat (drawn_share (&pixels), >, 0.02);
  pixels_clear (&pixels);
}

/* The fixture: a library with the articles, and a window */

static void
set_color_scheme (AdwColorScheme scheme)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  set_color_scheme (ADW_COLOR_SCHEME_FORCE_LIGHT);
  fixture->dir = test_tmpdir_new ();
  path = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->library = attache_library_open (path, &error);
  g_assert_no_error (error);
  fixture->ids = chart_add_articles (fixture->library);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    {
      gtk_window_destroy (fixture->window);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  set_color_scheme (ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_clear_object (&fixture->library);
  g_clear_pointer (&fixture->ids, g_array_unref);
  g_clear_pointer (&fixture->dir, test_tmpdir_free);
}

static void
show_in_window (Fixture   *fixture,
                GtkWidget *child,
                int        width,
                int        height)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, width, height);
  gtk_window_set_child (fixture->window, child);
  gtk_window_present (fixture->window);
  wait_until (gtk_widget_get_mapped (child) && gtk_widget_get_width (child) > 0);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  gpointer *out = user_data;
  g_autoptr(GError) error = NULL;

  if (g_task_get_source_tag (G_TASK (result)) == attache_actor_network_load_async)
    *out = attache_actor_network_load_finish (result, &error);
  else
    *out = attache_timeline_load_finish (result, &error);
  g_assert_no_error (error);
}

/* The network of every article, read off the main thread as the window would. */
static AttacheActorNetwork *
load_network (Fixture *fixture)
{
  gpointer network = NULL;

  attache_actor_network_load_async (fixture->library, fixture->ids, 0, NULL, loaded_cb, &network);
  wait_until (network != NULL);
  return network;
}

static const AttacheNetworkNode *
node_named (AttacheActorNetwork *network,
            const char          *name)
{
  const AttacheNetworkNode *node = chart_find_node (network, name);

  g_assert_nonnull (node);
  return node;
}

static AttacheNetworkView *
show_network (Fixture             *fixture,
              AttacheActorNetwork *network)
{
  AttacheNetworkView *view = ATTACHE_NETWORK_VIEW (attache_network_view_new ());

  show_in_window (fixture, GTK_WIDGET (view), 800, 560);
  attache_network_view_set_network (view, network);
  g_assert_true (attache_network_view_get_network (view) == network);
  wait_until (attache_network_view_get_ready (view));
  wait_for_frames (GTK_WIDGET (view), 3);
  return view;
}

/* The network */

static void
test_network_render (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(AttacheActorNetwork) network = load_network (fixture);
  AttacheNetworkView *view = show_network (fixture, network);
  g_autoptr(GdkTexture) texture = render_png (GTK_WIDGET (view), "network.png");
  g_autoptr(GError) error = NULL;
  g_autofree char *png = build_path ("network-export.png");
  g_autofree char *svg = build_path ("network-export.svg");
  Pixels pixels;

  pixels_load (&pixels, texture);
  g_assert_cmpint (pixels.width, ==, 800);
  g_assert_cmpint (pixels.height, ==, 560);
  g_assert_cmpfloat (background_luminance (&pixels), >, 0.9);
  g_assert_cmpuint (count_colours (&pixels), >=, 30);
  g_assert_cmpfloat (drawn_share (&pixels), >, 0.03);
  /* Each type in its colour: people, organisations (NATO), countries,
   * places; discs and the legend's dots. */
  g_assert_cmpuint (count_colour (&pixels, "#1c71d8"), >, 500);
  g_assert_cmpuint (count_colour (&pixels, "#9141ac"), >, 100);
  g_assert_cmpuint (count_colour (&pixels, "#26a269"), >, 500);
  g_assert_cmpuint (count_colour (&pixels, "#e66100"), >, 100);
  pixels_clear (&pixels);

  /* Every disc in the window, none on top of another. */
  for (guint i = 0; i < network->nodes->len; i++)
    {
      const AttacheNetworkNode *a = &g_array_index (network->nodes, AttacheNetworkNode, i);
      double ax, ay;

      g_assert_true (attache_network_view_get_actor_position (view, a->id, &ax, &ay));
      g_assert_cmpfloat (ax, >, 0);
      g_assert_cmpfloat (ax, <, 800);
      g_assert_cmpfloat (ay, >, 0);
      g_assert_cmpfloat (ay, <, 560);
      for (guint j = 0; j < i; j++)
        {
          double bx, by;

          attache_network_view_get_actor_position (view, g_array_index (network->nodes, AttacheNetworkNode, j).id,
                                                   &bx, &by);
          g_assert_cmpfloat (hypot (ax - bx, ay - by), >, 14);
        }
    }
  g_assert_false (attache_network_view_get_actor_position (view, 999999, NULL, NULL));

  /* Saved as the person would from the view. */
  attache_network_view_save (view, png, &error);
  g_assert_no_error (error);
  assert_png (png, 800, 560);
  attache_network_view_save (view, svg, &error);
  g_assert_no_error (error);
  assert_svg (svg);
}

static void
on_actor_activated_cb (AttacheNetworkView *view,
                       gint64              actor_id,
                       gpointer            user_data)
{
  g_array_append_val ((GArray *) user_data, actor_id);
}

static GtkGesture *
find_click_gesture (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller) &&
          gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == GDK_BUTTON_PRIMARY)
        return GTK_GESTURE (controller);
    }

  g_assert_not_reached ();
}

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return GTK_EVENT_CONTROLLER (controller);
    }

  g_assert_not_reached ();
}

/* A click of the primary button at @x, @y, as the gesture reports it. */
static void
click (GtkWidget *widget,
       double     x,
       double     y)
{
  GtkGesture *gesture = find_click_gesture (widget);

  g_signal_emit_by_name (gesture, "pressed", 1, x, y);
  g_signal_emit_by_name (gesture, "released", 1, x, y);
}

static void
test_network_click (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(AttacheActorNetwork) network = load_network (fixture);
  AttacheNetworkView *view = show_network (fixture, network);
  g_autoptr(GArray) activated = g_array_new (FALSE, FALSE, sizeof (gint64));
  const AttacheNetworkNode *scholz = node_named (network, "Olaf Scholz");
  const AttacheNetworkNode *paris = node_named (network, "Paris");
  GtkEventController *keys = find_controller (GTK_WIDGET (view), GTK_TYPE_EVENT_CONTROLLER_KEY);
  gboolean handled = FALSE;
  double x, y;

  g_signal_connect (view, "actor-activated", G_CALLBACK (on_actor_activated_cb), activated);

  g_assert_true (attache_network_view_get_actor_position (view, scholz->id, &x, &y));
  click (GTK_WIDGET (view), x, y);
  g_assert_cmpuint (activated->len, ==, 1);
  g_assert_cmpint (g_array_index (activated, gint64, 0), ==, scholz->id);

  /* Near the rim of a small disc still hits it. */
  g_assert_true (attache_network_view_get_actor_position (view, paris->id, &x, &y));
  click (GTK_WIDGET (view), x + 4, y);
  g_assert_cmpuint (activated->len, ==, 2);
  g_assert_cmpint (g_array_index (activated, gint64, 1), ==, paris->id);

  /* Nothing there: nothing happens, and no tooltip. */
  click (GTK_WIDGET (view), 2, 2);
  g_assert_cmpuint (activated->len, ==, 2);
  {
    GtkTooltip *tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
    gboolean shown = TRUE;

    g_signal_emit_by_name (view, "query-tooltip", 2, 2, FALSE, tooltip, &shown);
    g_assert_false (shown);
    g_signal_emit_by_name (view, "query-tooltip", (int) x, (int) y, FALSE, tooltip, &shown);
    g_assert_true (shown);
    g_object_unref (tooltip);
  }

  /* Pressed on one disc, released on another: no click. */
  {
    GtkGesture *gesture = find_click_gesture (GTK_WIDGET (view));
    double sx, sy;

    attache_network_view_get_actor_position (view, scholz->id, &sx, &sy);
    g_signal_emit_by_name (gesture, "pressed", 1, sx, sy);
    g_signal_emit_by_name (gesture, "released", 1, x, y);
    g_assert_cmpuint (activated->len, ==, 2);
  }

  /* From the keyboard: the arrows go from actor to actor, the most salient
   * first, and Enter opens the one with the focus (the last clicked). */
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Right, 0, 0, &handled);
  g_assert_true (handled);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Return, 0, 0, &handled);
  g_assert_true (handled);
  g_assert_cmpuint (activated->len, ==, 3);
  g_assert_cmpint (g_array_index (activated, gint64, 2), ==,
                   g_array_index (network->nodes, AttacheNetworkNode,
                                  (attache_actor_network_find_node (network, scholz->id) + 1) %
                                  network->nodes->len).id);
}

static void
test_network_hover (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(AttacheActorNetwork) network = load_network (fixture);
  AttacheNetworkView *view = show_network (fixture, network);
  GtkEventController *motion = find_controller (GTK_WIDGET (view), GTK_TYPE_EVENT_CONTROLLER_MOTION);
  g_autoptr(GdkTexture) before = render_widget (GTK_WIDGET (view));
  g_autoptr(GdkTexture) during = NULL;
  g_autoptr(GdkTexture) after = NULL;
  g_autoptr(GBytes) before_bytes = NULL, during_bytes = NULL, after_bytes = NULL;
  double x, y;

  /* The pointer on Zelensky's disc: his lines and neighbours stand out. */
  attache_network_view_get_actor_position (view, node_named (network, "Volodymyr Zelensky")->id, &x, &y);
  g_signal_emit_by_name (motion, "motion", x, y);
  wait_for_frames (GTK_WIDGET (view), 2);
  during = render_png (GTK_WIDGET (view), "network-hover.png");
  g_signal_emit_by_name (motion, "leave");
  wait_for_frames (GTK_WIDGET (view), 2);
  after = render_widget (GTK_WIDGET (view));

  before_bytes = gdk_texture_save_to_png_bytes (before);
  during_bytes = gdk_texture_save_to_png_bytes (during);
  after_bytes = gdk_texture_save_to_png_bytes (after);
  g_assert_false (g_bytes_equal (before_bytes, during_bytes));
  g_assert_true (g_bytes_equal (before_bytes, after_bytes));
}

static void
test_network_dark (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(AttacheActorNetwork) network = load_network (fixture);
  AttacheNetworkView *view = show_network (fixture, network);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *png = build_path ("network-dark-export.png");
  Pixels pixels;

  set_color_scheme (ADW_COLOR_SCHEME_FORCE_DARK);
  wait_for_frames (GTK_WIDGET (view), 3);
  texture = render_png (GTK_WIDGET (view), "network-dark.png");

  pixels_load (&pixels, texture);
  g_assert_cmpfloat (background_luminance (&pixels), <, 0.2);
  /* The lighter shades, not the light style's. */
  g_assert_cmpuint (count_colour (&pixels, "#62a0ea"), >, 500);
  g_assert_cmpuint (count_colour (&pixels, "#33d17a"), >, 500);
  g_assert_cmpuint (count_colour (&pixels, "#1c71d8"), <, 20);
  /* Light text. */
  g_assert_cmpuint (count_colour (&pixels, "#ffffff"), >, 200);
  pixels_clear (&pixels);

  /* Saved in the colours shown. */
  attache_network_view_save (view, png, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GdkTexture) saved = gdk_texture_new_from_filename (png, &error);

    g_assert_no_error (error);
    pixels_load (&pixels, saved);
    g_assert_cmpfloat (background_luminance (&pixels), <, 0.2);
    g_assert_cmpuint (count_colour (&pixels, "#62a0ea"), >, 500);
    pixels_clear (&pixels);
  }
}

static void
test_network_replace (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(AttacheActorNetwork) network = load_network (fixture);
  g_autoptr(AttacheActorNetwork) empty = attache_actor_network_new ();
  AttacheNetworkView *view = ATTACHE_NETWORK_VIEW (attache_network_view_new ());
  g_autoptr(GdkTexture) texture = NULL;
  Pixels pixels;

  show_in_window (fixture, GTK_WIDGET (view), 600, 400);

  /* A second network before the first is laid out: the second is shown. */
  attache_network_view_set_network (view, network);
  attache_network_view_set_network (view, empty);
  g_assert_false (attache_network_view_get_ready (view));
  wait_until (attache_network_view_get_ready (view));
  g_assert_true (attache_network_view_get_network (view) == empty);
  wait_for_frames (GTK_WIDGET (view), 3);

  /* An empty network says so, in grey, and has no discs. */
  texture = render_png (GTK_WIDGET (view), "network-empty.png");
  pixels_load (&pixels, texture);
  g_assert_cmpfloat (drawn_share (&pixels), >, 0.0005);
  g_assert_cmpfloat (drawn_share (&pixels), <, 0.02);
  g_assert_cmpuint (count_colour (&pixels, "#1c71d8"), ==, 0);
  pixels_clear (&pixels);

  attache_network_view_set_network (view, NULL);
  g_assert_false (attache_network_view_get_ready (view));
  g_assert_null (attache_network_view_get_network (view));
}

/* The timeline */

static AttacheTimeline *
load_timeline (Fixture *fixture,
               gint64   actor_id)
{
  gpointer timeline = NULL;

  attache_timeline_load_for_actor_async (fixture->library, actor_id, NULL, ATTACHE_TIMELINE_AUTO,
                                         NULL, loaded_cb, &timeline);
  wait_until (timeline != NULL);
  return timeline;
}

static void
test_timeline_render (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(AttacheActorNetwork) network = load_network (fixture);
  g_autoptr(AttacheTimeline) timeline = load_timeline (fixture, node_named (network, "Emmanuel Macron")->id);
  AttacheTimelineView *view = ATTACHE_TIMELINE_VIEW (attache_timeline_view_new ());
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) dark = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *png = build_path ("timeline-export.png");
  g_autofree char *svg = build_path ("timeline-export.svg");
  Pixels pixels;
  double x, y;
  guint index;

  show_in_window (fixture, GTK_WIDGET (view), 800, 360);
  attache_timeline_view_set_timeline (view, timeline);
  g_assert_true (attache_timeline_view_get_timeline (view) == timeline);
  wait_for_frames (GTK_WIDGET (view), 3);
  texture = render_png (GTK_WIDGET (view), "timeline.png");

  pixels_load (&pixels, texture);
  g_assert_cmpfloat (background_luminance (&pixels), >, 0.9);
  g_assert_cmpuint (count_colours (&pixels), >=, 12);
  /* Four bars in the colour of people: 3, 2, 1 and 2 mentions. */
  g_assert_cmpuint (count_colour (&pixels, "#1c71d8"), >, 2000);
  pixels_clear (&pixels);

  /* Twelve weeks, one bar each: the pointer finds each. */
  g_assert_cmpuint (timeline->bins->len, ==, 12);
  for (guint i = 0; i < timeline->bins->len; i++)
    {
      g_assert_true (attache_timeline_view_get_bin_position (view, i, &x, &y));
      g_assert_true (attache_timeline_view_get_bin_at (view, x, y, &index));
      g_assert_cmpuint (index, ==, i);
    }
  /* The tallest bar (3 mentions) reaches higher than the others. */
  {
    double y0, y2;

    attache_timeline_view_get_bin_position (view, 0, NULL, &y0);
    attache_timeline_view_get_bin_position (view, 2, NULL, &y2);
    g_assert_cmpfloat (y0, <, y2);
  }
  g_assert_false (attache_timeline_view_get_bin_at (view, 1, 1, NULL));

  /* The pointer on an empty week: its column shows, and a tooltip says so. */
  {
    GtkEventController *motion = find_controller (GTK_WIDGET (view), GTK_TYPE_EVENT_CONTROLLER_MOTION);
    g_autoptr(GdkTexture) hovered = NULL;
    g_autoptr(GBytes) before = gdk_texture_save_to_png_bytes (texture);
    g_autoptr(GBytes) after = NULL;
    GtkTooltip *tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
    gboolean shown = FALSE;

    attache_timeline_view_get_bin_position (view, 1, &x, &y);
    g_signal_emit_by_name (motion, "motion", x, y);
    wait_for_frames (GTK_WIDGET (view), 2);
    hovered = render_png (GTK_WIDGET (view), "timeline-hover.png");
    after = gdk_texture_save_to_png_bytes (hovered);
    g_assert_false (g_bytes_equal (before, after));
    g_signal_emit_by_name (view, "query-tooltip", (int) x, (int) y, FALSE, tooltip, &shown);
    g_assert_true (shown);
    g_signal_emit_by_name (motion, "leave");
    g_object_unref (tooltip);
  }

  attache_timeline_view_save (view, png, &error);
  g_assert_no_error (error);
  assert_png (png, 800, 360);
  attache_timeline_view_save (view, svg, &error);
  g_assert_no_error (error);
  assert_svg (svg);

  set_color_scheme (ADW_COLOR_SCHEME_FORCE_DARK);
  wait_for_frames (GTK_WIDGET (view), 3);
  dark = render_png (GTK_WIDGET (view), "timeline-dark.png");
  pixels_load (&pixels, dark);
  g_assert_cmpfloat (background_luminance (&pixels), <, 0.2);
  g_assert_cmpuint (count_colour (&pixels, "#62a0ea"), >, 2000);
  g_assert_cmpuint (count_colour (&pixels, "#ffffff"), >, 100);
  pixels_clear (&pixels);
}

/* The file chooser the views open (GTK 4.8's, without a portal), or NULL. */
static GtkWidget *
find_file_chooser (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (GTK_IS_FILE_CHOOSER (l->data) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

static gboolean
chooser_is_in (GtkWidget *chooser,
               GFile     *folder)
{
  g_autoptr(GFile) current = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));

  return current != NULL && g_file_equal (current, folder);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkGesture *
find_menu_gesture (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller) &&
          gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == GDK_BUTTON_SECONDARY)
        return GTK_GESTURE (controller);
    }

  g_assert_not_reached ();
}

static GtkWidget *
find_popover (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER_MENU (child))
      return child;

  return NULL;
}

/* Save as… from the view's menu: the file chooser opens with a name, and
 * what it accepts is written there, in the format asked for. */
static void
save_through_chooser (GtkWidget  *view,
                      const char *format,
                      const char *folder,
                      const char *name,
                      const char *expected_suggestion)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  g_test_skip ("The file chooser of GTK 4.10 and later is not a window the test can drive");
#else
  g_autoptr(GFile) dir = g_file_new_for_path (folder);
  g_autofree char *path = NULL;
  GtkWidget *chooser;

  g_assert_true (gtk_widget_activate_action (view, "chart.save-as", "s", format));
  wait_until ((chooser = find_file_chooser ()) != NULL);
  {
    g_autofree char *suggested = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));

    g_assert_cmpstr (suggested, ==, expected_suggestion);
  }
  {
    g_autoptr(GFile) file = g_file_get_child (dir, name);

    /* Once it has settled in the folder it opens in. */
    wait_for_frames (chooser, 10);
    g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), dir, NULL));
    wait_until (chooser_is_in (chooser, dir));
    wait_for_frames (chooser, 5);
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    wait_for_frames (chooser, 2);
    g_assert_true (chooser_is_in (chooser, dir));
  }
  /* As the person would: the Save button. */
  g_assert_true (gtk_widget_activate (find_button (chooser, "_Save")));

  /* Without an extension, the format's is added. */
  path = g_strrstr (name, ".") != NULL ? g_build_filename (folder, name, NULL)
                                       : g_strdup_printf ("%s/%s.%s", folder, name, format);
  wait_until (g_file_test (path, G_FILE_TEST_EXISTS));
  /* Written in one go: whole once it exists. */
  if (g_str_equal (format, "svg") || g_str_has_suffix (path, ".svg"))
    assert_svg (path);
  else
    assert_png (path, gtk_widget_get_width (view), gtk_widget_get_height (view));
#endif
}

static void
test_save_as (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(AttacheActorNetwork) network = load_network (fixture);
  AttacheNetworkView *view = ATTACHE_NETWORK_VIEW (attache_network_view_new ());
  GtkWidget *popover;

  /* Nothing to save before the network is laid out: no chooser. */
  gtk_widget_activate_action (GTK_WIDGET (view), "chart.save-as", "s", "png");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (find_file_chooser ());

  show_in_window (fixture, GTK_WIDGET (view), 700, 480);
  attache_network_view_set_network (view, network);
  wait_until (attache_network_view_get_ready (view));
  wait_for_frames (GTK_WIDGET (view), 2);

  /* A secondary click opens the menu. */
  g_signal_emit_by_name (find_menu_gesture (GTK_WIDGET (view)), "pressed", 1, 100.0, 100.0);
  popover = find_popover (GTK_WIDGET (view));
  g_assert_nonnull (popover);
  wait_until (gtk_widget_get_mapped (popover));
  gtk_popover_popdown (GTK_POPOVER (popover));

  save_through_chooser (GTK_WIDGET (view), "png", fixture->dir, "actors", "Actor network.png");
  save_through_chooser (GTK_WIDGET (view), "png", fixture->dir, "chosen.svg", "Actor network.png");
}

static void
test_timeline_save_as (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(AttacheActorNetwork) network = load_network (fixture);
  g_autoptr(AttacheTimeline) timeline = load_timeline (fixture, node_named (network, "Olaf Scholz")->id);
  AttacheTimelineView *view = ATTACHE_TIMELINE_VIEW (attache_timeline_view_new ());

  gtk_widget_activate_action (GTK_WIDGET (view), "chart.save-as", "s", "svg");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (find_file_chooser ());
  show_in_window (fixture, GTK_WIDGET (view), 640, 320);
  attache_timeline_view_set_timeline (view, timeline);
  wait_for_frames (GTK_WIDGET (view), 2);

  save_through_chooser (GTK_WIDGET (view), "svg", fixture->dir, "scholz", "Mentions of Olaf Scholz.svg");
}

/* Without a window: what attache-cli or a test can use. */
static void
test_render_to_file (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(AttacheActorNetwork) network = load_network (fixture);
  g_autoptr(AttacheTimeline) timeline = load_timeline (fixture, node_named (network, "Ukraine")->id);
  g_autoptr(GError) error = NULL;
  g_autofree char *network_png = build_path ("network-file.png");
  g_autofree char *network_svg = build_path ("network-file.svg");
  g_autofree char *timeline_png = build_path ("timeline-file-dark.png");
  g_autofree char *bad = g_build_filename (fixture->dir, "no-such-folder", "network.png", NULL);

  attache_network_render_to_file (network, network_png, 900, 600, FALSE, &error);
  g_assert_no_error (error);
  assert_png (network_png, 900, 600);
  attache_network_render_to_file (network, network_svg, 900, 600, TRUE, &error);
  g_assert_no_error (error);
  assert_svg (network_svg);
  attache_timeline_render_to_file (timeline, timeline_png, 700, 300, TRUE, &error);
  g_assert_no_error (error);
  assert_png (timeline_png, 700, 300);

  /* A folder that is not there: an error, no file. */
  g_assert_false (attache_network_render_to_file (network, bad, 900, 600, FALSE, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/charts/network/render", test_network_render);
  ADD ("/charts/network/click", test_network_click);
  ADD ("/charts/network/hover", test_network_hover);
  ADD ("/charts/network/dark", test_network_dark);
  ADD ("/charts/network/replace", test_network_replace);
  ADD ("/charts/timeline/render", test_timeline_render);
  ADD ("/charts/render-to-file", test_render_to_file);
  ADD ("/charts/network/save-as", test_save_as);
  ADD ("/charts/timeline/save-as", test_timeline_save_as);
#undef ADD

  return g_test_run ();
}
