"""Our XSS corpus: markup that tries to run, load, submit, navigate or drive htmx.

Written for this project (the audit kept its own corpus private). Each payload, if it ever
ran, would leave a trace the browser tests watch for: a dialog (`alert`), a request or a
navigation to a URL containing `xss-probe`, or `window.__xss` set. `PROBE` is that marker.
Grouped by technique; `PAYLOADS` is the flat list the tests iterate.
"""

from __future__ import annotations

PROBE = "xss-probe"
_J = "javascript"

SCRIPT_TAGS = [
    "<script>alert(1)</script>",
    "<SCRIPT>alert(2)</SCRIPT>",
    "<script src=/xss-probe/s1.js></script>",
    "<script>window.__xss=1</script>",
    "<scr<script>ipt>alert(3)</scr</script>ipt>",
    "<script\n>alert(4)</script\n>",
    '<script type="module">fetch("/xss-probe/module")</script>',
    "<<script>alert(5)//<</script>",
    "<script/xss>alert(6)</script>",
    "</script><script>alert(7)</script>",
    '<script>eval(atob("YWxlcnQoOCk="))</script>',
    "<script>/*</script>*/alert(9)</script>",
]

EVENT_HANDLERS = [
    "<img src=x onerror=alert(10)>",
    '<img src="/xss-probe/img" onerror="window.__xss=1">',
    "<IMG SRC=x ONERROR=alert(11)>",
    "<img src=x onerror=alert`12`>",
    "<img/src=x/onerror=alert(13)>",
    "<svg onload=alert(14)>",
    "<svg/onload=alert(15)//",
    "<body onload=alert(16)>",
    "<details open ontoggle=alert(17)>",
    "<video><source onerror=alert(18)></video>",
    "<audio src=x onerror=alert(19)>",
    "<input autofocus onfocus=alert(20)>",
    "<select autofocus onfocus=alert(21)></select>",
    "<textarea autofocus onfocus=alert(22)></textarea>",
    "<marquee onstart=alert(23)>x</marquee>",
    "<div onmouseover=alert(24) style=position:fixed;inset:0>cover</div>",
    "<a onclick=alert(25) href=#>click</a>",
    "<p onpointerenter=alert(26)>hover</p>",
    "<iframe onload=alert(27)></iframe>",
    "<object data=x onerror=alert(28)></object>",
    '<span onanimationstart=alert(29) style="animation:spin 1s">s</span>',
    "<img src=x:y onerror=&#97;lert(30)>",
    "<img src=x onerror=&#x61;&#x6c;&#x65;&#x72;&#x74;(31)>",
    "<img src=x onerror=\"fetch('/xss-probe/onerror')\">",
    "<body onpageshow=alert(32)>",
    "<form><button formaction=javascript:alert(33)>go</button></form>",
    "<isindex type=image src=1 onerror=alert(34)>",
    "<keygen autofocus onfocus=alert(35)>",
]

JAVASCRIPT_URLS = [
    f"<a href={_J}:alert(36)>link</a>",
    f'<a href="{_J.upper()}:alert(37)">link</a>',
    f'<a href=" {_J}:alert(38)">link</a>',
    '<a href="java\tscript:alert(39)">link</a>',
    '<a href="java\nscript:alert(40)">link</a>',
    '<a href="&#106;avascript:alert(41)">link</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:alert(42)">link</a>',
    '<a href="javascript&colon;alert(43)">link</a>',
    '<a href="vbscript:msgbox(44)">link</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCg0NSk8L3NjcmlwdD4=">link</a>',
    '<a href="data:text/html,<script>alert(46)</script>">link</a>',
    f"<iframe src={_J}:alert(47)></iframe>",
    '<iframe srcdoc="<script>alert(48)</script>"></iframe>',
    f"<embed src={_J}:alert(49)>",
    f"<object data={_J}:alert(50)></object>",
    f"<form action={_J}:alert(51)><input type=submit></form>",
    f'<a href="{_J}%3Aalert(52)">link</a>',
    f'<svg><a xlink:href="{_J}:alert(53)"><text y=20>x</text></a></svg>',
    f'<math><a xlink:href="{_J}:alert(54)">x</a></math>',
    '<a href="//xss-probe.example/">protocol-relative</a>',
]

MARKDOWN_TRICKS = [
    f"[click]({_J}:alert(55))",
    f"[click](<{_J}:alert(56)>)",
    f"[click]( {_J}:alert(57))",
    "[click](JaVaScRiPt:alert(58))",
    f"![img]({_J}:alert(59))",
    f"[x][ref]\n\n[ref]: {_J}:alert(60)",
    f"<{_J}:alert(61)>",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCg2Mik8L3NjcmlwdD4=)",
    '[x](/ "title\\" onmouseover=alert(63) x=\\"")',
    '![x](/xss-probe/md-img.png "a\\" onerror=\\"alert(64))',
    "[<img src=x onerror=alert(65)>](https://example.com)",
    "**<img src=x onerror=alert(66)>**",
    "`<script>alert(67)</script>`",
    "```html\n<script>alert(68)</script>\n```",
    '```"><img src=x onerror=alert(69)>\nx\n```',
    "    <script>alert(70)</script>",
    "> <script>alert(71)</script>",
    "- <img src=x onerror=alert(72)>",
    "| a | b |\n|---|---|\n| <script>alert(73)</script> | <img src=x onerror=alert(74)> |",
    "# <img src=x onerror=alert(75)>",
    "## Heading {#x onclick=alert(76)}",
    "[a](https://example.com) [b](javascript&#58;alert(77))",
    "[a](&#106;avascript:alert(78))",
    "<details><summary>open</summary><img src=x onerror=alert(79)></details>",
    "~~<svg onload=alert(80)>~~",
    "[![img](x)](javascript:alert(81))",
    "![](/xss-probe/bare-image.png)",
    "<http://xss-probe.example/autolink>",
]

HTMX_ATTRIBUTES = [
    '<div hx-get="/xss-probe/hx-get" hx-trigger="load">x</div>',
    '<i hx-post="/admin/auth/user/1/change/" hx-vals=\'{"is_superuser": "on"}\' hx-trigger="load">i</i>',
    '"><i hx-post="/xss-probe/hx-post" hx-trigger="load">',
    '<div data-hx-get="/xss-probe/data-hx" data-hx-trigger="load">x</div>',
    '<div hx-on::load="window.__xss=1">x</div>',
    '<div hx-on:htmx:load="alert(82)">x</div>',
    '<button hx-get="/xss-probe/click" hx-trigger="load delay:10ms">b</button>',
    '<div hx-get="/xss-probe/revealed" hx-trigger="revealed">x</div>',
    '<div hx-get="/xss-probe/intersect" hx-trigger="intersect once">x</div>',
    '<div hx-swap-oob="true" id="main">taken over</div>',
    '<a hx-boost="true" href="/xss-probe/boost">boost</a>',
    '<div hx-headers=\'{"X-CSRFToken": "x"}\' hx-post="/xss-probe/headers" hx-trigger="load">x</div>',
    '<form hx-post="/xss-probe/form" hx-trigger="load"><input name=a></form>',
    '<div hx-get="/xss-probe/every" hx-trigger="every 1s">x</div>',
    '<img src=x hx-get="/xss-probe/img-hx" hx-trigger="load">',
    '<div x-data x-init="alert(83)">alpine</div>',
    '<div hx-ext="json-enc" hx-post="/xss-probe/ext" hx-trigger="load">x</div>',
    '<div hx-trigger="load" hx-get="/xss-probe/attr-order">x</div>',
]

DOCUMENT_TAKEOVER = [
    '<meta http-equiv="refresh" content="0;url=/xss-probe/refresh">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(84)">',
    '<base href="https://xss-probe.example/">',
    '<link rel="stylesheet" href="/xss-probe/style.css">',
    '<link rel="import" href="/xss-probe/import.html">',
    "<style>@import '/xss-probe/import.css';</style>",
    "<style>body{background:url(/xss-probe/bg.png)}</style>",
    '<p style="background-image:url(/xss-probe/inline-style.png)">x</p>',
    '<div style="position:fixed;top:0;left:0;width:100%;height:100%;background:red">overlay</div>',
    '<form action="/xss-probe/form" method="post"><input name=password><button>Log in</button></form>',
    "<iframe src=/xss-probe/frame></iframe>",
    '<object data="/xss-probe/object"></object>',
    '<embed src="/xss-probe/embed">',
    '<portal src="/xss-probe/portal"></portal>',
    '<video poster="/xss-probe/poster.png"></video>',
    '<img srcset="/xss-probe/srcset.png 1x">',
    '<picture><source srcset="/xss-probe/picture.png"><img src=x></picture>',
    '<input type="image" src="/xss-probe/input.png">',
    '<table background="/xss-probe/table.png"><tr><td>x</td></tr></table>',
    '<a href="/xss-probe/link" target="_top" rel="opener">tab-nabbing</a>',
]

SVG_AND_MATH = [
    "<svg><script>alert(85)</script></svg>",
    "<svg><animate onbegin=alert(86) attributeName=x dur=1s>",
    '<svg><set attributeName="onmouseover" to="alert(87)"/></svg>',
    "<svg><foreignObject><img src=x onerror=alert(88)></foreignObject></svg>",
    "<svg><style><img src=x onerror=alert(89)></style></svg>",
    '<svg><use href="data:image/svg+xml;base64,PHN2ZyBpZD0ieCIgb25sb2FkPSJhbGVydCg5MCkiLz4=#x"/></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(91)></style></mglyph></table></mtext></math>",
    "<math><mi xlink:href=javascript:alert(92)>x</mi></math>",
    '<svg><image href="/xss-probe/svg-image.png"/></svg>',
    "<svg><title><img src=x onerror=alert(93)></title></svg>",
]

MUTATION_AND_PARSER = [
    '<noscript><p title="</noscript><img src=x onerror=alert(94)>"></noscript>',
    "<template><img src=x onerror=alert(95)></template>",
    "<xmp><img src=x onerror=alert(96)></xmp>",
    "<textarea><img src=x onerror=alert(97)></textarea>",
    "<!--><img src=x onerror=alert(98)>-->",
    "<!-- --!><img src=x onerror=alert(99)> -->",
    "<![CDATA[><img src=x onerror=alert(100)>]]>",
    "<title><img src=x onerror=alert(101)></title>",
    "<plaintext><img src=x onerror=alert(102)>",
    "<noembed><img src=x onerror=alert(103)></noembed>",
    "<select><style><img src=x onerror=alert(104)></style></select>",
    '<a title="a</a><img src=x onerror=alert(105)>">x</a>',
    "<div><p></div><img src=x onerror=alert(106)>",
    "<table><td><img src=x onerror=alert(107)></table>",
    "<p><style></p><img src=x onerror=alert(108)></style>",
    '<?xml version="1.0"?><img src=x onerror=alert(109)>',
    "<img src=`x` onerror=alert(110)>",
    "<img src='x'onerror=alert(111)>",
    "<img\x0csrc=x\x0conerror=alert(112)>",
    "<img src=x onerror\x0b=alert(113)>",
]

BREAKOUTS = [
    '"><script>alert(114)</script>',
    "'><svg onload=alert(115)>",
    '"><img src=x onerror=alert(116)>',
    "</textarea><script>alert(117)</script>",
    "</title><script>alert(118)</script>",
    "</pre><img src=x onerror=alert(119)>",
    '" autofocus onfocus="alert(120)',
    "' onmouseover='alert(121)",
    "` onmouseover=alert(122) `",
    "</style><script>alert(123)</script>",
    "--></script><script>alert(124)</script>",
    "}}</script><script>alert(125)</script>",
    "\"><a hx-get='/xss-probe/breakout' hx-trigger=load>",
    "</summary></details><img src=x onerror=alert(126)>",
    "</mark><img src=x onerror=alert(127)><mark>",
    '" hx-get="/xss-probe/attr-break" hx-trigger="load',
]

ENCODINGS = [
    "&lt;script&gt;alert(128)&lt;/script&gt;",
    "&#60;script&#62;alert(129)&#60;/script&#62;",
    "+ADw-script+AD4-alert(130)+ADw-/script+AD4-",
    "\uff1cscript\uff1ealert(131)\uff1c/script\uff1e",
    "%3Cscript%3Ealert(132)%3C/script%3E",
    "<scr\u200bipt>alert(133)</scr\u200bipt>",
    "\u202e<img src=x onerror=alert(134)>",
    "<img src=x onerror=\\u0061lert(135)>",
    "\\x3cscript\\x3ealert(136)\\x3c/script\\x3e",
    '<a href="\u0001javascript:alert(137)">ctl</a>',
    '<a href="javascript\u0000:alert(138)">nul-free</a>'.replace("\u0000", ""),
    "{{ 7|add:7 }} {% debug %} ${alert(139)} #{alert(140)}",
]

MERMAID = [
    '```mermaid\nflowchart LR\n  A["<img src=x onerror=alert(141)>"] --> B\n```',
    "```mermaid\nflowchart LR\n  A --> B\n  click A call alert(142)\n```",
    f'```mermaid\nflowchart LR\n  A --> B\n  click A href "{_J}:alert(143)"\n```',
    '```mermaid\n%%{init: {"securityLevel": "loose"}}%%\nflowchart LR\n  A["<img src=x onerror=alert(144)>"] --> B\n  click A call alert(145)\n```',
    "```mermaid\nsequenceDiagram\n  A->>B: <script>alert(146)</script>\n```",
    '```mermaid\nflowchart LR\n  A["</pre><img src=x onerror=alert(147)>"]\n```',
    "```mermaid\nflowchart LR\n  A --> B\n  style A fill:url(/xss-probe/mermaid-style)\n```",
    "```mermaid\nflowchart LR\n  A[\"<a href='javascript:alert(148)'>x</a>\"]\n```",
    "```mermaid\nclassDiagram\n  class A{\n    <img src=x onerror=alert(149)>\n  }\n```",
    "```mermaid\nflowchart LR\n  A-->B\n```\n<img src=x onerror=alert(150)>",
]

LINKS_AND_TITLES = [
    "javascript:alert(151)",
    "JAVASCRIPT:alert(152)",
    " javascript:alert(153)",
    "java\tscript:alert(154)",
    "//xss-probe.example/protocol-relative",
    "data:text/html,<script>alert(155)</script>",
    "vbscript:msgbox(156)",
    "/\\xss-probe.example/backslash",
]

PAYLOADS: list[str] = [
    *SCRIPT_TAGS,
    *EVENT_HANDLERS,
    *JAVASCRIPT_URLS,
    *MARKDOWN_TRICKS,
    *HTMX_ATTRIBUTES,
    *DOCUMENT_TAKEOVER,
    *SVG_AND_MATH,
    *MUTATION_AND_PARSER,
    *BREAKOUTS,
    *ENCODINGS,
    *MERMAID,
    *LINKS_AND_TITLES,
]


def chunks(size: int) -> list[list[str]]:
    """The corpus in groups, for pages that show many fields at once."""
    return [PAYLOADS[start : start + size] for start in range(0, len(PAYLOADS), size)]
