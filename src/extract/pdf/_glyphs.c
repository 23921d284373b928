/* A page's chars as PDFium's text page gives them, read in one call: the per-char work of
 * extract.pdf.pdfium.glyph_records (`_columns`) out of Python.
 *
 * Not linked against PDFium: pypdfium2 loads libpdfium through ctypes, and the caller passes the
 * addresses of PDFium's functions and the text page's handle as numbers; they are called here through
 * pointers declared with PDFium's signatures (fpdf_text.h). The pure-Python `_columns_python` in
 * pdfium.py is the reference: both give the same columns.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* a path's points go through its matrix as in Python: a*x + c*y + e, each product rounded (no fused
 * multiply-add, which some targets contract to by default) */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef int (*get_text_f)(void *page, int start, int count, unsigned short *out);
typedef int (*index_f)(void *page, int index);                      /* IsGenerated, HasUnicodeMapError */
typedef unsigned int (*get_unicode_f)(void *page, int index);
typedef void *(*get_text_object_f)(void *page, int index);
typedef int (*get_origin_f)(void *page, int index, double *x, double *y);
typedef struct { float left, top, right, bottom; } rect_f; /* FS_RECTF */
typedef int (*loose_box_f)(void *page, int index, rect_f *box);
typedef struct { float a, b, c, d, e, f; } matrix_f; /* FS_MATRIX */
typedef int (*get_matrix_f)(void *page, int index, matrix_f *matrix);
typedef double (*get_font_size_f)(void *page, int index);
typedef void *(*get_font_f)(void *text_object);
typedef int (*glyph_width_f)(void *font, unsigned int glyph, float size, float *width);
#define FUNCTIONS 11

/* a font's widths at a size, asked once per (font, size, code) on a page (open addressing) */
typedef struct {
    void *font;
    double size;
    unsigned int code;
    float width;
    int ok, used;
} width_slot;

typedef struct {
    width_slot *slots;
    size_t mask;
    glyph_width_f glyph_width;
} widths_t;

static int
font_width(widths_t *widths, void *font, double size, unsigned int code, float *width)
{
    uint64_t h = (uint64_t)(uintptr_t)font * 0x9E3779B97F4A7C15ull ^ (uint64_t)code * 0xC2B2AE3D27D4EB4Full;
    uint64_t bits;
    memcpy(&bits, &size, sizeof bits);
    h ^= bits * 0x165667B19E3779F9ull;
    for (size_t k = (size_t)(h >> 17) & widths->mask;; k = (k + 1) & widths->mask) {
        width_slot *slot = &widths->slots[k];
        if (!slot->used) {
            float value = 0;
            slot->ok = font != NULL && widths->glyph_width(font, code, (float)size, &value) != 0;
            slot->width = value;
            slot->font = font;
            slot->size = size;
            slot->code = code;
            slot->used = 1;
        }
        else if (slot->font != font || slot->code != code || memcmp(&slot->size, &size, sizeof size) != 0)
            continue;
        *width = slot->width;
        return slot->ok;
    }
}

#define LIGATURE_TOLERANCE 0.01 /* pt: pdfium.py's _LIGATURE_TOLERANCE */

static void *
address(PyObject *functions, Py_ssize_t k)
{
    PyObject *item = PyTuple_GET_ITEM(functions, k);
    void *p = PyLong_AsVoidPtr(item);
    if (p == NULL && !PyErr_Occurred())
        PyErr_SetString(PyExc_ValueError, "a PDFium function's address is 0");
    return p;
}

/* the `n` PDFium functions a helper is given (a tuple of addresses) into `out`, before it reads anything; -1
 * with an error set when the tuple holds another number of them, or an address that is 0 or no number */
static int
load_functions(PyObject *functions, Py_ssize_t n, void **out, const char *who)
{
    if (PyTuple_GET_SIZE(functions) != n) {
        PyErr_Format(PyExc_ValueError, "%s: %zd PDFium functions expected", who, n);
        return -1;
    }
    for (Py_ssize_t k = 0; k < n; k++)
        if ((out[k] = address(functions, k)) == NULL)
            return -1;
    return 0;
}

/* round(x, 3) exactly as Python's float.__round__ does it: the decimal nearest to x's exact value (ties to
 * even), read back as the double nearest to it. Python goes through the decimal digits (dtoa); here x * 1000 is
 * split into its double y and the exact remainder (fma), rounded to an integer R from both, and R / 1000 is the
 * double nearest to the decimal (IEEE division rounds correctly). Beyond 1e12 (not a page coordinate), Python's
 * own way. round3_digits: that way, kept as the reference the tests compare with. */
static double
round3_digits(double x, int *failed)
{
    *failed = 0;
    char *s = PyOS_double_to_string(x, 'f', 3, 0, NULL);
    if (s == NULL) {
        *failed = 1;
        return 0;
    }
    double r = PyOS_string_to_double(s, NULL, NULL);
    PyMem_Free(s);
    if (r == -1.0 && PyErr_Occurred())
        *failed = 1;
    return r;
}

static PyObject *
round3(double x)
{
    if (!isfinite(x))
        return PyFloat_FromDouble(x);
    if (fabs(x) > 1e12) {
        int failed;
        double r = round3_digits(x, &failed);
        return failed ? NULL : PyFloat_FromDouble(r);
    }
    double y = x * 1000.0;
    double remainder = fma(x, 1000.0, -y); /* x * 1000 = y + remainder, exactly */
    double r = nearbyint(y);               /* ties to even (the default rounding mode) */
    double d = y - r;                      /* exact: |d| <= 0.5, a multiple of y's last place */
    if (d == 0.5 && remainder > 0)         /* |d| < 0.5: the remainder (under half y's last place) cannot */
        r += 1;                            /* carry x * 1000 past a half; at a half it decides */
    else if (d == -0.5 && remainder < 0)
        r -= 1;
    return PyFloat_FromDouble(r == 0 ? copysign(0.0, x) : r / 1000.0);
}

static PyObject *
round3_both(PyObject *self, PyObject *arg)
{
    double x = PyFloat_AsDouble(arg);
    if (x == -1.0 && PyErr_Occurred())
        return NULL;
    int failed;
    double digits = round3_digits(x, &failed);
    if (failed)
        return NULL;
    PyObject *fast = round3(x);
    if (fast == NULL)
        return NULL;
    return Py_BuildValue("(Nd)", fast, digits);
}

static int
append_new(PyObject *list, PyObject *item)
{
    if (item == NULL)
        return -1;
    int rc = PyList_Append(list, item);
    Py_DECREF(item);
    return rc;
}

PyDoc_STRVAR(chars_doc,
"chars(text_page, count, functions) -> (ats, codes, texts, keys, xs, rxs, x1s, ys, errors, counts, skipped,\n"
"objects),\n"
"or None\n\n"
"The text page's chars the glyph loop reads (see pdfium.py's `_columns_python`, the same in Python).\n"
"functions: the addresses of FPDFText_GetText, _IsGenerated, _GetUnicode, _GetTextObject, _GetCharOrigin,\n"
"_HasUnicodeMapError, _GetLooseCharBox, _GetMatrix, _GetFontSize, FPDFTextObj_GetFont, FPDFFont_GetGlyphWidth. None: a CID font's glyph without Unicode (pdfminer reads the page).");

static PyObject *
chars(PyObject *self, PyObject *args)
{
    PyObject *page_number, *functions;
    int count;
    if (!PyArg_ParseTuple(args, "OiO!:chars", &page_number, &count, &PyTuple_Type, &functions))
        return NULL;
    void *function[FUNCTIONS];
    if (load_functions(functions, FUNCTIONS, function, "chars") < 0)
        return NULL;
    void *tp = PyLong_AsVoidPtr(page_number);
    if (tp == NULL && PyErr_Occurred())
        return NULL;

    PyObject *ats = PyList_New(0), *codes = PyList_New(0), *texts = PyList_New(0), *keys = PyList_New(0);
    PyObject *xs = PyList_New(0), *rxs = PyList_New(0), *x1s = PyList_New(0), *ys = PyList_New(0);
    PyObject *errors = PySet_New(NULL), *counts = PyDict_New(), *skipped = PySet_New(NULL), *objects = PyDict_New();
    PyObject *minus_one = PyLong_FromLong(-1);
    PyObject *key = NULL; /* the current text object's number (a new reference) */
    unsigned short *units = NULL;
    width_slot *widths_slots_to_free = NULL;
    PyObject *result = NULL;
    if (!ats || !codes || !texts || !keys || !xs || !rxs || !x1s || !ys || !errors || !counts || !skipped || !objects
        || !minus_one)
        goto done;
    if (tp == NULL || count <= 0)
        goto columns;

    get_text_f get_text = (get_text_f)function[0];
    index_f is_generated = (index_f)function[1];
    get_unicode_f get_unicode = (get_unicode_f)function[2];
    get_text_object_f get_text_object = (get_text_object_f)function[3];
    get_origin_f get_origin = (get_origin_f)function[4];
    index_f map_error = (index_f)function[5];
    loose_box_f loose_box = (loose_box_f)function[6];
    get_matrix_f get_matrix = (get_matrix_f)function[7];
    get_font_size_f get_font_size = (get_font_size_f)function[8];
    get_font_f get_font = (get_font_f)function[9];
    widths_t widths = {NULL, 0, (glyph_width_f)function[10]};
    size_t capacity = 64;
    while (capacity < 2 * (size_t)count)
        capacity *= 2;
    widths.slots = widths_slots_to_free = (width_slot *)calloc(capacity, sizeof(width_slot));
    widths.mask = capacity - 1;
    if (widths.slots == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    matrix_f m = {0, 0, 0, 0, 0, 0}; /* a failed call leaves it as it was (as the ctypes buffer) */

    units = (unsigned short *)calloc((size_t)count + 1, sizeof(unsigned short));
    if (units == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    get_text(tp, 0, count, units);

    void *current = NULL;
    int have_key = 0;
    /* the current text object's font, size and matrix's a, and whether its glyphs are upright (b = c = 0) */
    void *font = NULL;
    double size = 0, a = 0;
    int straight = 0;
    double x = 0.0, y = 0.0;  /* a failed origin call leaves them as they were (as ctypes' buffers) */
    /* the last glyph the loop makes (a char neither skipped nor merged into the glyph before it) */
    int have_last = 0, last_i = 0;
    void *last_key = NULL;
    double last_x = 0.0, last_y = 0.0;
    for (int i = 0; i < count; i++) {
        unsigned int code = units[i];
        if (code <= 0x20) {
            if ((code == 0x20 || code == 0x0D || code == 0x0A) && is_generated(tp, i))
                continue; /* a space or line break PDFium made up */
        }
        else if (code == 0xFFFE) /* the page's text writes 0 and 2 (a hyphen) as 0xFFFE too */
            code = get_unicode(tp, i);
        void *object = get_text_object(tp, i);
        if (!have_key || object != current) {
            Py_XDECREF(key);
            key = PyLong_FromVoidPtr(object);
            if (key == NULL)
                goto done;
            current = object;
            have_key = 1;
            int known = PyDict_Contains(objects, key);
            if (known < 0)
                goto done;
            if (!known) { /* objects: text object -> (its first char, font, size, a, b, c, d of its matrix) */
                get_matrix(tp, i, &m);
                double first_size = get_font_size(tp, i);
                void *first_font = object != NULL ? get_font(object) : NULL;
                PyObject *facts = Py_BuildValue("(iNddddd)", i, PyLong_FromVoidPtr(first_font), first_size,
                                                (double)m.a, (double)m.b, (double)m.c, (double)m.d);
                if (facts == NULL)
                    goto done;
                int rc = PyDict_SetItem(objects, key, facts);
                Py_DECREF(facts);
                if (rc < 0)
                    goto done;
            }
            PyObject *facts = PyDict_GetItemWithError(objects, key); /* borrowed */
            if (facts == NULL || !PyTuple_Check(facts) || PyTuple_GET_SIZE(facts) != 7) {
                if (!PyErr_Occurred())
                    PyErr_SetString(PyExc_RuntimeError, "chars: a text object's facts went missing");
                goto done;
            }
            font = PyLong_AsVoidPtr(PyTuple_GET_ITEM(facts, 1));
            size = PyFloat_AsDouble(PyTuple_GET_ITEM(facts, 2));
            a = PyFloat_AsDouble(PyTuple_GET_ITEM(facts, 3));
            straight = PyFloat_AsDouble(PyTuple_GET_ITEM(facts, 4)) == 0 && PyFloat_AsDouble(PyTuple_GET_ITEM(facts, 5)) == 0;
            if (PyErr_Occurred())
                goto done;
        }
        /* counts: text object -> its spaces, -1 when it has another char; skipped: one with a line break or 0 */
        if (code == 0x0D || code == 0x0A || code == 0) {
            if (PySet_Add(skipped, key) < 0)
                goto done;
            continue;
        }
        if (code == 0x20) {
            PyObject *seen = PyDict_GetItemWithError(counts, key);
            long spaces = 0;
            if (seen == NULL && PyErr_Occurred())
                goto done;
            if (seen != NULL) {
                spaces = PyLong_AsLong(seen);
                if (spaces == -1 && PyErr_Occurred())
                    goto done;
            }
            PyObject *value = spaces >= 0 ? PyLong_FromLong(spaces + 1) : (Py_INCREF(minus_one), minus_one);
            if (value == NULL)
                goto done;
            int rc = PyDict_SetItem(counts, key, value);
            Py_DECREF(value);
            if (rc < 0)
                goto done;
        }
        else if (PyDict_SetItem(counts, key, minus_one) < 0)
            goto done;
        get_origin(tp, i, &x, &y);
        int error = map_error(tp, i) != 0;
        if (error) {
            if (code > 0xFF) { /* a CID font's glyph without Unicode: pdfminer reads the page */
                Py_INCREF(Py_None);
                result = Py_None;
                goto done;
            }
            PyObject *at = PyLong_FromLong(i);
            if (at == NULL)
                goto done;
            int rc = PySet_Add(errors, at);
            Py_DECREF(at);
            if (rc < 0)
                goto done;
        }
        /* odd: the loop reads the char the long way (its text is None): a code with a rule of its own, or
         * a char at the origin of the last glyph in the same text object (it may extend it: a ligature). The
         * loop's decision whether a char extends the last glyph is taken here too, to know that glyph */
        int low_surrogate = code >= 0xDC00 && code <= 0xDFFF;
        int rare = error || code < 0x20 || (code >= 0xD800 && code < 0xE000) || code == 0x30FB || code == 0xFFFE;
        int merged = low_surrogate && have_last && !error; /* the second half of a surrogate pair */
        int same_origin = !merged && have_last && object == last_key && fabs(last_x - x) < LIGATURE_TOLERANCE
                          && fabs(last_y - y) < LIGATURE_TOLERANCE;
        if (same_origin) { /* one ligature glyph when both boxes end at the same right edge */
            rect_f box = {0, 0, 0, 0};
            loose_box(tp, last_i, &box);
            double right = box.right;
            loose_box(tp, i, &box);
            merged = fabs(right - (double)box.right) < LIGATURE_TOLERANCE && box.right > box.left;
        }
        if (!merged) {
            have_last = 1;
            last_i = i;
            last_key = object;
            last_x = x;
            last_y = y;
        }
        int odd = rare || same_origin;
        PyObject *text, *x1;
        if (odd) {
            Py_INCREF(Py_None);
            text = Py_None;
        }
        else
            text = PyUnicode_FromOrdinal((int)code);
        if (odd || !straight) { /* the loop measures it */
            Py_INCREF(Py_None);
            x1 = Py_None;
        }
        else { /* an upright glyph's right edge: its origin plus the font's advance (a times the width), or
                * where the font gives no width, its loose box's */
            float width = 0;
            if (font_width(&widths, font, size, code, &width) && width != 0) {
                double advance = a * (double)width;
                x1 = round3(x + advance);
            }
            else {
                rect_f box = {0, 0, 0, 0};
                loose_box(tp, i, &box);
                x1 = round3((double)box.right);
            }
        }
        if (append_new(x1s, x1) < 0) {
            Py_XDECREF(text);
            goto done;
        }
        if (append_new(texts, text) < 0 || append_new(ats, PyLong_FromLongLong((long long)i << 11)) < 0
            || append_new(codes, PyLong_FromUnsignedLong(code)) < 0 || PyList_Append(keys, key) < 0
            || append_new(xs, PyFloat_FromDouble(x)) < 0 || append_new(rxs, round3(x)) < 0
            || append_new(ys, PyFloat_FromDouble(y)) < 0)
            goto done;
    }
columns:
    result = PyTuple_Pack(12, ats, codes, texts, keys, xs, rxs, x1s, ys, errors, counts, skipped, objects);
done:
    if (result == NULL && !PyErr_Occurred())
        PyErr_SetString(PyExc_RuntimeError, "chars: failed");
    free(units);
    free(widths_slots_to_free);
    Py_XDECREF(key);
    Py_XDECREF(minus_one);
    Py_XDECREF(ats);
    Py_XDECREF(codes);
    Py_XDECREF(texts);
    Py_XDECREF(keys);
    Py_XDECREF(xs);
    Py_XDECREF(rxs);
    Py_XDECREF(x1s);
    Py_XDECREF(ys);
    Py_XDECREF(errors);
    Py_XDECREF(counts);
    Py_XDECREF(skipped);
    Py_XDECREF(objects);
    return result;
}

typedef int (*count_f)(void *path);
typedef void *(*segment_f)(void *path, int index);
typedef int (*segment_int_f)(void *segment);
typedef int (*point_f)(void *segment, float *x, float *y);
enum { LINETO = 0, BEZIERTO = 1, MOVETO = 2 }; /* FPDF_SEGMENT_* (fpdf_edit.h) */

/* shape += letter */
static int
extend_shape(PyObject *sub, const char *letter)
{
    PyObject *shape = PyList_GET_ITEM(sub, 0);
    PyObject *add = PyUnicode_FromString(letter);
    if (add == NULL)
        return -1;
    PyObject *longer = PyUnicode_Concat(shape, add);
    Py_DECREF(add);
    if (longer == NULL)
        return -1;
    PyList_SET_ITEM(sub, 0, longer); /* steals; the old shape goes */
    Py_DECREF(shape);
    return 0;
}

PyDoc_STRVAR(path_doc,
"path(path, outer, functions) -> (subpaths, stroked, line width, draw mode read, fill mode, stroke)\n\n"
"A path object as pdfminer reads it (see pdfium.py's `_path_facts_python`, the same in Python): its subpaths\n"
"[[shape, points], ...], shape 'm' then 'l', 'c', 'h' per segment, points through the path's matrix then the\n"
"form's `outer` (a, b, c, d, e, f); its stroke width and draw mode. functions: the addresses of\n"
"FPDFPageObj_GetMatrix, FPDFPageObj_GetStrokeWidth, FPDFPath_GetDrawMode, FPDFPath_CountSegments,\n"
"FPDFPath_GetPathSegment, FPDFPathSegment_GetType, FPDFPathSegment_GetPoint, FPDFPathSegment_GetClose.");

typedef int (*object_matrix_f)(void *object, matrix_f *matrix);
typedef int (*stroke_width_f)(void *object, float *width);
typedef int (*draw_mode_f)(void *path, int *fill, int *stroke);

static PyObject *
path_facts(PyObject *self, PyObject *args)
{
    PyObject *path_number, *functions;
    double oa, ob, oc, od, oe, of;
    if (!PyArg_ParseTuple(args, "O(dddddd)O!:path", &path_number, &oa, &ob, &oc, &od, &oe, &of, &PyTuple_Type,
                          &functions))
        return NULL;
    void *function[8];
    if (load_functions(functions, 8, function, "path") < 0)
        return NULL;
    void *path = PyLong_AsVoidPtr(path_number);
    if (path == NULL && PyErr_Occurred())
        return NULL;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    if (path == NULL)
        return Py_BuildValue("(Nidiii)", out, 0, 0.0, 0, 0, 0);
    /* the path's matrix, then its form's (pdfium.py's `_concat(_matrix(...), outer)`) */
    matrix_f m = {0, 0, 0, 0, 0, 0};
    ((object_matrix_f)function[0])(path, &m);
    double a = m.a, b = m.b, c = m.c, d = m.d, e = m.e, f = m.f;
    double ma = a * oa + b * oc, mb = a * ob + b * od, mc = c * oa + d * oc, md = c * ob + d * od;
    double me = e * oa + f * oc + oe, mf = e * ob + f * od + of;
    float width = 0;
    int stroked = ((stroke_width_f)function[1])(path, &width) != 0;
    int fill = 0, stroke = 0;
    int drew = ((draw_mode_f)function[2])(path, &fill, &stroke) != 0;
    function[0] = function[3];
    function[1] = function[4];
    function[2] = function[5];
    function[3] = function[6];
    function[4] = function[7];
    count_f count_segments = (count_f)function[0];
    segment_f get_segment = (segment_f)function[1];
    segment_int_f segment_type = (segment_int_f)function[2];
    point_f get_point = (point_f)function[3];
    segment_int_f closes = (segment_int_f)function[4];

    int count = count_segments(path);
    float x = 0.0f, y = 0.0f; /* a failed call leaves them as they were (as ctypes' buffers) */
    PyObject *sub = NULL;      /* [shape, points], the subpath being read (borrowed: `out` holds it) */
    long bezier = 0;
    for (int k = 0; k < count; k++) {
        void *segment = get_segment(path, k);
        int kind = segment != NULL ? segment_type(segment) : -1; /* FPDF_SEGMENT_UNKNOWN */
        if (segment != NULL)
            get_point(segment, &x, &y);
        double px = x, py = y;
        double tx = ma * px + mc * py + me, ty = mb * px + md * py + mf;
        PyObject *point = Py_BuildValue("(dd)", tx, ty);
        if (point == NULL)
            goto fail;
        if (kind == MOVETO || sub == NULL) {
            PyObject *points = PyList_New(1);
            if (points == NULL) {
                Py_DECREF(point);
                goto fail;
            }
            PyList_SET_ITEM(points, 0, point);
            PyObject *fresh = Py_BuildValue("[sN]", "m", points);
            if (fresh == NULL || PyList_Append(out, fresh) < 0) {
                Py_XDECREF(fresh);
                goto fail;
            }
            Py_DECREF(fresh);
            sub = fresh;
            bezier = 0;
        }
        else if (kind == LINETO) {
            int rc = extend_shape(sub, "l") < 0 ? -1 : PyList_Append(PyList_GET_ITEM(sub, 1), point);
            Py_DECREF(point);
            if (rc < 0)
                goto fail;
        }
        else if (kind == BEZIERTO) {
            bezier += 1;
            if (bezier % 3) { /* a control point: pdfminer keeps a curve's end points */
                Py_DECREF(point);
                continue;
            }
            int rc = extend_shape(sub, "c") < 0 ? -1 : PyList_Append(PyList_GET_ITEM(sub, 1), point);
            Py_DECREF(point);
            if (rc < 0)
                goto fail;
        }
        else {
            Py_DECREF(point);
            continue;
        }
        if (segment != NULL && closes(segment)) {
            PyObject *points = PyList_GET_ITEM(sub, 1);
            if (extend_shape(sub, "h") < 0 || PyList_Append(points, PyList_GET_ITEM(points, 0)) < 0)
                goto fail;
        }
    }
    return Py_BuildValue("(Nidiii)", out, stroked, (double)width, drew, fill, stroke);
fail:
    Py_DECREF(out);
    return NULL;
}

typedef int (*page_count_f)(void *parent);
typedef void *(*page_object_f)(void *page, int index);
typedef void *(*form_object_f)(void *form, unsigned long index);
typedef int (*object_type_f)(void *object);

PyDoc_STRVAR(children_doc,
"children(parent, form, functions) -> (objects, kinds)\n\n"
"The page objects of a page (form False) or of a form object, in drawing order, and their types (see\n"
"pdfium.py's `_children_python`). functions: the addresses of FPDFPage_CountObjects, FPDFPage_GetObject,\n"
"FPDFFormObj_CountObjects, FPDFFormObj_GetObject, FPDFPageObj_GetType.");

static PyObject *
children(PyObject *self, PyObject *args)
{
    PyObject *parent_number, *functions;
    int form;
    if (!PyArg_ParseTuple(args, "OpO!:children", &parent_number, &form, &PyTuple_Type, &functions))
        return NULL;
    void *function[5];
    if (load_functions(functions, 5, function, "children") < 0)
        return NULL;
    void *parent = PyLong_AsVoidPtr(parent_number);
    if (parent == NULL && PyErr_Occurred())
        return NULL;
    PyObject *objects = PyList_New(0), *kinds = PyList_New(0), *result = NULL;
    if (objects == NULL || kinds == NULL)
        goto done;
    if (parent != NULL) {
        page_count_f page_count = (page_count_f)function[0];
        page_object_f page_object = (page_object_f)function[1];
        page_count_f form_count = (page_count_f)function[2];
        form_object_f form_object = (form_object_f)function[3];
        object_type_f object_type = (object_type_f)function[4];
        int count = form ? form_count(parent) : page_count(parent);
        for (int k = 0; k < count; k++) {
            void *object = form ? form_object(parent, (unsigned long)k) : page_object(parent, k);
            int kind = object != NULL ? object_type(object) : 0; /* FPDF_PAGEOBJ_UNKNOWN */
            if (append_new(objects, PyLong_FromVoidPtr(object)) < 0 || append_new(kinds, PyLong_FromLong(kind)) < 0)
                goto done;
        }
    }
    result = PyTuple_Pack(2, objects, kinds);
done:
    Py_XDECREF(objects);
    Py_XDECREF(kinds);
    return result;
}

typedef int (*bounds_f)(void *object, float *left, float *bottom, float *right, float *top);
typedef int (*object_size_f)(void *object, float *size);

PyDoc_STRVAR(text_facts_doc,
"text_facts(objects, functions) -> [((left, bottom, right, top), size, font), ...]\n\n"
"Text objects' bounds, font size and font (see pdfium.py's `_text_facts_python`). functions: the addresses\n"
"of FPDFPageObj_GetBounds, FPDFTextObj_GetFontSize, FPDFTextObj_GetFont.");

static PyObject *
text_facts(PyObject *self, PyObject *args)
{
    PyObject *objects, *functions;
    if (!PyArg_ParseTuple(args, "O!O!:text_facts", &PyList_Type, &objects, &PyTuple_Type, &functions))
        return NULL;
    void *function[3];
    if (load_functions(functions, 3, function, "text_facts") < 0)
        return NULL;
    Py_ssize_t count = PyList_GET_SIZE(objects);
    PyObject *out = PyList_New(count);
    if (out == NULL || count == 0)
        return out;
    bounds_f get_bounds = (bounds_f)function[0];
    object_size_f get_size = (object_size_f)function[1];
    get_font_f get_font = (get_font_f)function[2];
    for (Py_ssize_t k = 0; k < count; k++) {
        void *object = PyLong_AsVoidPtr(PyList_GET_ITEM(objects, k));
        if (object == NULL && PyErr_Occurred()) {
            Py_DECREF(out);
            return NULL;
        }
        float left = 0, bottom = 0, right = 0, top = 0, size = 0; /* a failed call: 0 (as ctypes' fresh buffers) */
        void *font = NULL;
        if (object != NULL) {
            get_bounds(object, &left, &bottom, &right, &top);
            get_size(object, &size);
            font = get_font(object);
        }
        PyObject *facts = Py_BuildValue("((dddd)dN)", (double)left, (double)bottom, (double)right, (double)top,
                                        (double)size, PyLong_FromVoidPtr(font));
        if (facts == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, k, facts);
    }
    return out;
}

PyDoc_STRVAR(records_doc,
"records(ats, texts, keys, xs, rxs, x1s, ys, per_object, height) -> (records, rest)\n\n"
"The glyph records of the chars `chars` gives a text to in upright text objects, None for the others, whose\n"
"places are `rest` (see pdfium.py's `_records_python`, the same in Python). per_object: text object ->\n"
"(upright, levels (origin y -> top, bottom, baseline, size), font name, upright glyphs, scaled matrix,\n"
"drawing order << 42, its info (a, b, c, d, font size, descent, ...)).");

static PyObject *
records(PyObject *self, PyObject *args)
{
    PyObject *ats, *texts, *keys, *xs, *rxs, *x1s, *ys, *per_object;
    double height;
    if (!PyArg_ParseTuple(args, "O!O!O!O!O!O!O!O!d:records", &PyList_Type, &ats, &PyList_Type, &texts, &PyList_Type,
                          &keys, &PyList_Type, &xs, &PyList_Type, &rxs, &PyList_Type, &x1s, &PyList_Type, &ys,
                          &PyDict_Type, &per_object, &height))
        return NULL;
    Py_ssize_t count = PyList_GET_SIZE(texts);
    if (PyList_GET_SIZE(ats) != count || PyList_GET_SIZE(keys) != count || PyList_GET_SIZE(xs) != count
        || PyList_GET_SIZE(rxs) != count || PyList_GET_SIZE(x1s) != count || PyList_GET_SIZE(ys) != count) {
        PyErr_SetString(PyExc_ValueError, "records: columns of different lengths");
        return NULL;
    }
    PyObject *out = PyList_New(count), *rest = PyList_New(0);
    if (out == NULL || rest == NULL)
        goto fail;
    PyObject *current = NULL, *shared = NULL; /* borrowed */
    int straight = 0;
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *text = PyList_GET_ITEM(texts, k), *key = PyList_GET_ITEM(keys, k);
        if (text != Py_None && key != current) {
            shared = PyDict_GetItemWithError(per_object, key);
            if (shared == NULL || !PyTuple_Check(shared) || PyTuple_GET_SIZE(shared) != 7
                || !PyDict_Check(PyTuple_GET_ITEM(shared, 1)) || !PyTuple_Check(PyTuple_GET_ITEM(shared, 6))
                || PyTuple_GET_SIZE(PyTuple_GET_ITEM(shared, 6)) < 6) {
                if (!PyErr_Occurred())
                    PyErr_SetString(PyExc_ValueError, "records: a text object's facts are missing");
                goto fail;
            }
            current = key;
            straight = PyObject_IsTrue(PyTuple_GET_ITEM(shared, 0));
            if (straight < 0)
                goto fail;
        }
        if (text == Py_None || !straight) { /* the loop reads it */
            Py_INCREF(Py_None);
            PyList_SET_ITEM(out, k, Py_None);
            if (append_new(rest, PyLong_FromSsize_t(k)) < 0)
                goto fail;
            continue;
        }
        PyObject *oy = PyList_GET_ITEM(ys, k), *levels = PyTuple_GET_ITEM(shared, 1);
        PyObject *level = PyDict_GetItemWithError(levels, oy); /* borrowed */
        if (level == NULL) { /* pdfium.py's `_level` */
            if (PyErr_Occurred())
                goto fail;
            PyObject *info = PyTuple_GET_ITEM(shared, 6);
            double y = PyFloat_AsDouble(oy), d = PyFloat_AsDouble(PyTuple_GET_ITEM(info, 3));
            double fontsize = PyFloat_AsDouble(PyTuple_GET_ITEM(info, 4));
            double descent = PyFloat_AsDouble(PyTuple_GET_ITEM(info, 5));
            if (PyErr_Occurred())
                goto fail;
            double size = fontsize * fabs(d);
            double drop = descent * d;
            double bottom = height - (y + drop);
            PyObject *fresh = Py_BuildValue("(NNNN)", round3(bottom - size), round3(bottom), round3(height - y),
                                            round3(size));
            if (fresh == NULL)
                goto fail;
            int rc = PyDict_SetItem(levels, oy, fresh);
            Py_DECREF(fresh);
            if (rc < 0)
                goto fail;
            level = fresh; /* the dict holds it */
        }
        if (!PyTuple_Check(level) || PyTuple_GET_SIZE(level) != 4) {
            PyErr_SetString(PyExc_ValueError, "records: a level is not (top, bottom, baseline, size)");
            goto fail;
        }
        PyObject *order = PyNumber_Or(PyTuple_GET_ITEM(shared, 5), PyList_GET_ITEM(ats, k));
        if (order == NULL)
            goto fail;
        PyObject *record = PyList_New(14);
        if (record == NULL) {
            Py_DECREF(order);
            goto fail;
        }
        PyObject *items[13] = {text, PyList_GET_ITEM(rxs, k), PyList_GET_ITEM(x1s, k), PyTuple_GET_ITEM(level, 0),
                               PyTuple_GET_ITEM(level, 1), PyTuple_GET_ITEM(level, 2), PyTuple_GET_ITEM(level, 3),
                               PyTuple_GET_ITEM(shared, 2), PyTuple_GET_ITEM(shared, 3), PyTuple_GET_ITEM(shared, 4),
                               PyList_GET_ITEM(xs, k), oy, key};
        for (int j = 0; j < 13; j++) {
            Py_INCREF(items[j]);
            PyList_SET_ITEM(record, j, items[j]);
        }
        PyList_SET_ITEM(record, 13, order);
        PyList_SET_ITEM(out, k, record);
    }
    return Py_BuildValue("(NN)", out, rest);
fail:
    Py_XDECREF(out); /* (places not yet set are NULL: a list's dealloc skips them) */
    Py_XDECREF(rest);
    return NULL;
}

static PyMethodDef methods[] = {
    {"records", records, METH_VARARGS, records_doc},
    {"round3", round3_both, METH_O, "round3(x) -> (round(x, 3) the helper's way, the same through the decimal digits)"},
    {"text_facts", text_facts, METH_VARARGS, text_facts_doc},
    {"children", children, METH_VARARGS, children_doc},
    {"chars", chars, METH_VARARGS, chars_doc},
    {"path", path_facts, METH_VARARGS, path_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_glyphs", "A page's chars, a page's or form's objects and a path's subpaths, read from PDFium in one call each (pdfium.py).", -1,
    methods,
};

PyMODINIT_FUNC
PyInit__glyphs(void)
{
    return PyModule_Create(&module);
}
