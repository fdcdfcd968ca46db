#!/usr/bin/env python3
"""A tiny GTK3 drag source for the end-to-end drop test: a window at (x, y) holding one button
that, when dragged, offers the given paths as a text/uri-list — what a file manager does.

usage: drag_source.py X Y PATH...   (prints "ready" once the window is mapped)
"""
import sys

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("Gdk", "3.0")
from gi.repository import Gdk, Gio, GLib, Gtk  # noqa: E402

x, y = int(sys.argv[1]), int(sys.argv[2])
uris = [Gio.File.new_for_path(p).get_uri() for p in sys.argv[3:]]

win = Gtk.Window(title="drag source")
win.set_default_size(160, 120)
win.move(x, y)
button = Gtk.Button(label="resumes")
button.drag_source_set(Gdk.ModifierType.BUTTON1_MASK, [], Gdk.DragAction.COPY)
button.drag_source_add_uri_targets()
button.connect("drag-data-get", lambda _w, _c, data, _i, _t: data.set_uris(uris))
win.add(button)
win.connect("destroy", Gtk.main_quit)


def announce():
    print("ready", flush=True)
    return False


win.connect("map-event", lambda *_: GLib.timeout_add(300, announce))
win.show_all()
Gtk.main()
