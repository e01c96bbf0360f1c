"""Camera capture, QR decoding and scan input for the counter, free of any GUI toolkit.

`capture` delivers frames from a camera, video file or stream (`cameras` lists the
cameras for settings); `decoders` find QR codes in them; `frame_scanner` turns a frame
into events, using `debounce` so a code held in view fires once and `payload` to turn
each text into a card reference or a reason for the cashier. `wedge` tells a handheld
scanner's keyboard typing apart from a person's, for the same parser.
"""
