#!/bin/sh
# Prints the hostile article the HTML tests render: markup, a script that would retitle the
# page, attribute-breaking quotes, an image whose onerror would fire, and a RIGHT-TO-LEFT
# OVERRIDE (U+202E) inside the quotes, which the extractor finds as usual.
rlo=$(printf '\342\200\256') pdf=$(printf '\342\200\254')
cat <<END
Riverton <script>document.title="pwned"</script> council </style><b>bold</b>

"The <script>alert(1)</script> plan is a disgrace and Governor Park failed us," said Mayor Elena Diaz. "Close the </style> tag \" onmouseover=alert(2) x=\"; ' onclick=alert(5) y=' now," she added.

Council member Marcus Webb praised Park. "He's done great work for us ${rlo}evil${pdf} & <img src=x onerror=alert(3)>," Webb said.
END
