#!/bin/bash
# Makes the README's form screenshots at 1024x700 and 1920x1080, in docs/: a contact and a lead
# of the sandbox's HubSpot account, and an engagement of its Pipedrive account (HubSpot's live
# rules accept only an engagement's type). Needs a build (build/app/crmdesk) and
# xvfb-run, xdotool and imagemagick's import. Each shot starts the app afresh with an empty home,
# so it shows what a first start shows.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${CRMDESK_BINARY:-build/app/crmdesk}
for tool in xvfb-run xdotool import; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install xvfb xdotool imagemagick)" >&2; exit 1; }
done

shoot() { # width height account-key resource-key output
    local width=$1 height=$2 account=$3 key=$4 out=$5 home
    home=$(mktemp -d)
    HOME=$home xvfb-run -a -s "-screen 0 ${width}x${height}x24" bash -c "
        '$binary' & app=\$!
        sleep 4
        window=\$(xdotool search --name 'CRM Desk' | head -1)
        xdotool windowmove \$window 0 0 windowsize \$window $width $height
        sleep 1
        if [ -n '$account' ]; then   # the Account combo in the toolbar, then the first letter
            xdotool mousemove 400 33 click 1; sleep 1; xdotool key $account Return; sleep 2
        fi
        if [ -n '$key' ]; then   # the Resource combo in the toolbar, then the first letter
            xdotool mousemove 690 33 click 1; sleep 1; xdotool key $key Return; sleep 2
        fi
        xdotool mousemove 60 112 click --repeat 2 --delay 80 1   # the first record of the list
        sleep 3
        import -window root '$out'
        kill \$app" 2>/dev/null
    rm -rf "$home"
    echo "$out"
}

for size in 1024x700 1920x1080; do
    width=${size%x*} height=${size#*x}
    shoot "$width" "$height" "" "" "docs/form-contact-$size.png"
    shoot "$width" "$height" "" l "docs/form-lead-$size.png"
    shoot "$width" "$height" p e "docs/form-engagement-$size.png"
done
