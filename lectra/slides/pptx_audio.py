"""A slide's narration inside the PPTX, as PowerPoint writes it: audio that plays on entry."""

from io import BytesIO
from pathlib import Path
from typing import Any

from pptx.media import SPEAKER_IMAGE_BYTES, Video
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.slide import Slide

ICON_EMU = 457200  # half an inch: the speaker icon PowerPoint shows while editing
OFF_SLIDE_EMU = 114300  # the icon sits this far right of the slide: never in the show or a PDF

# p:pic with a:audioFile (the pre-2010 link) and p14:media (the embedded part), as PowerPoint
# 2010 and later write an inserted audio file
_PIC = (
    "<p:pic {ns}>"
    '<p:nvPicPr><p:cNvPr id="{id}" name="{name}" descr="Narration of this slide">'
    '<a:hlinkClick r:id="" action="ppaction://media"/></p:cNvPr>'
    '<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr>'
    '<p:nvPr><a:audioFile r:link="{audio}"/><p:extLst>'
    '<p:ext uri="{{DAA4B4D4-6D71-4841-9C94-3DE7FCFB9230}}">'
    '<p14:media xmlns:p14="http://schemas.microsoft.com/office/powerpoint/2010/main" '
    'r:embed="{media}"/></p:ext></p:extLst></p:nvPr></p:nvPicPr>'
    '<p:blipFill><a:blip r:embed="{icon}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
    '<p:spPr><a:xfrm><a:off x="{x}" y="0"/><a:ext cx="{size}" cy="{size}"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
    "</p:pic>"
)
# the timing tree of audio set to "Start: Automatically" and "Hide during show": the main
# sequence plays it from 0 as the slide begins; showWhenStopped="0" hides the icon
_TIMING = (
    "<p:timing {ns}><p:tnLst><p:par>"
    '<p:cTn id="1" dur="indefinite" restart="never" nodeType="tmRoot"><p:childTnLst>'
    '<p:seq concurrent="1" nextAc="seek">'
    '<p:cTn id="2" dur="indefinite" nodeType="mainSeq"><p:childTnLst><p:par>'
    '<p:cTn id="3" fill="hold"><p:stCondLst><p:cond delay="indefinite"/>'
    '<p:cond evt="onBegin" delay="0"><p:tn val="2"/></p:cond></p:stCondLst>'
    "<p:childTnLst><p:par>"
    '<p:cTn id="4" fill="hold"><p:stCondLst><p:cond delay="0"/></p:stCondLst>'
    "<p:childTnLst><p:par>"
    '<p:cTn id="5" presetID="1" presetClass="mediacall" presetSubtype="0" fill="hold" '
    'nodeType="afterEffect"><p:stCondLst><p:cond delay="0"/></p:stCondLst><p:childTnLst>'
    '<p:cmd type="call" cmd="playFrom(0.0)"><p:cBhvr>'
    '<p:cTn id="6" dur="{ms}" fill="hold"/><p:tgtEl><p:spTgt spid="{id}"/></p:tgtEl>'
    "</p:cBhvr></p:cmd>"
    "</p:childTnLst></p:cTn></p:par></p:childTnLst></p:cTn></p:par>"
    "</p:childTnLst></p:cTn></p:par></p:childTnLst></p:cTn>"
    '<p:prevCondLst><p:cond evt="onPrev" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond>'
    "</p:prevCondLst>"
    '<p:nextCondLst><p:cond evt="onNext" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond>'
    "</p:nextCondLst></p:seq>"
    '<p:audio><p:cMediaNode vol="100000" showWhenStopped="0">'
    '<p:cTn id="7" fill="hold" display="0"><p:stCondLst><p:cond delay="indefinite"/>'
    '</p:stCondLst><p:endCondLst><p:cond evt="onStopAudio" delay="0"><p:tgtEl><p:sldTgt/>'
    "</p:tgtEl></p:cond></p:endCondLst></p:cTn>"
    '<p:tgtEl><p:spTgt spid="{id}"/></p:tgtEl></p:cMediaNode></p:audio>'
    "</p:childTnLst></p:cTn></p:par></p:tnLst></p:timing>"
)


def embed_narration(slide: Slide, audio: Path, seconds: float, slide_width: int) -> None:
    """Put audio (an mp3) on slide, off to its right, set to play by itself when it shows."""
    part = slide.part
    # python-pptx's Video is its value object for any media part: blob, type, extension
    media = part.package.get_or_add_media_part(
        Video.from_blob(audio.read_bytes(), "audio/mpeg", audio.name)
    )
    media_rid, audio_rid = part.relate_to(media, RT.MEDIA), part.relate_to(media, RT.AUDIO)
    _, icon_rid = part.get_or_add_image_part(BytesIO(SPEAKER_IMAGE_BYTES))
    shape_id = max((int(e.get("id")) for e in slide._element.iter(qn("p:cNvPr"))), default=1) + 1
    pic = _PIC.format(
        ns=nsdecls("p", "a", "r"),
        id=shape_id,
        name=f"Narration {audio.stem}",
        audio=audio_rid,
        media=media_rid,
        icon=icon_rid,
        x=slide_width + OFF_SLIDE_EMU,
        size=ICON_EMU,
    )
    slide.shapes._spTree.append(parse_xml(pic))
    timing = parse_xml(_TIMING.format(ns=nsdecls("p"), id=shape_id, ms=round(seconds * 1000)))
    sld = slide._element
    existing = sld.find(qn("p:timing"))
    if existing is not None:  # the slide's own animations: the narration joins them
        _graft(existing, timing)
        return
    # p:timing follows p:transition (and p:clrMapOvr) and precedes p:extLst
    before = sld.find(qn("p:extLst"))
    if before is not None:
        before.addprevious(timing)
    else:
        sld.append(timing)


def advance_after(sld: Any, seconds: float) -> None:
    """The slide advances by itself after seconds: every transition it has keeps its effect
    and gets the time; a slide with none gets a plain one."""
    ms = str(round(seconds * 1000))
    found = list(sld.iter(qn("p:transition")))
    for transition in found:
        transition.set("advTm", ms)
    if found:
        return
    transition = sld.makeelement(qn("p:transition"), {"advTm": ms})
    anchor = sld.find(qn("p:clrMapOvr"))
    (anchor if anchor is not None else sld.find(qn("p:cSld"))).addnext(transition)


def _graft(existing: Any, ours: Any) -> None:
    """Our timing's nodes in a slide's own timing tree, its animations untouched: the audio's
    start first in the main sequence (playing as the slide begins), its media node beside."""
    offset = max((int(c.get("id")) for c in existing.iter(qn("p:cTn"))), default=0)
    for node in ours.iter(qn("p:cTn")):
        node.set("id", str(int(node.get("id")) + offset))
    root = existing.find(f".//{qn('p:cTn')}[@nodeType='tmRoot']/{qn('p:childTnLst')}")
    mine_root = ours.find(f".//{qn('p:cTn')}[@nodeType='tmRoot']/{qn('p:childTnLst')}")
    if root is None or mine_root is None:
        return
    main = root.find(f".//{qn('p:cTn')}[@nodeType='mainSeq']")
    audio = mine_root.find(qn("p:audio"))
    if main is None:
        for child in list(mine_root):
            root.append(child)
        return
    mine_main = mine_root.find(f".//{qn('p:cTn')}[@nodeType='mainSeq']/{qn('p:childTnLst')}")
    first = mine_main[0] if mine_main is not None and len(mine_main) else None
    if first is not None:
        for tn in first.iter(qn("p:tn")):
            tn.set("val", main.get("id"))
        steps = main.find(qn("p:childTnLst"))
        if steps is None:
            steps = main.makeelement(qn("p:childTnLst"), {})
            main.append(steps)
        steps.insert(0, first)
    if audio is not None:
        root.append(audio)
