/**
 * The dashboard's one script (inline, pinned by hash in the Content-Security-Policy). It only enhances
 * pages that work without it: chart tooltips from `data-tip` (set as text, never as HTML), times shown
 * in the viewer's time zone, and filter selects that submit on change.
 */
export const SCRIPT = `(function(){
var tip=null;
function show(e){var t=e.target.closest?e.target.closest("[data-tip]"):null;if(!t){hide();return;}
if(!tip){tip=document.createElement("div");tip.className="tip";document.body.appendChild(tip);}
tip.textContent=t.getAttribute("data-tip");tip.hidden=false;move(e);}
function move(e){if(!tip||tip.hidden)return;var x=e.clientX+14,y=e.clientY+14,w=tip.offsetWidth,h=tip.offsetHeight;
if(x+w>window.innerWidth-8)x=e.clientX-w-14;if(y+h>window.innerHeight-8)y=e.clientY-h-14;
tip.style.left=x+"px";tip.style.top=y+"px";}
function hide(){if(tip)tip.hidden=true;}
document.addEventListener("mouseover",show);document.addEventListener("mousemove",move);
document.addEventListener("mouseout",function(e){if(!e.relatedTarget||!e.relatedTarget.closest||!e.relatedTarget.closest("[data-tip]"))hide();});
var fmt;try{fmt=new Intl.DateTimeFormat(undefined,{year:"numeric",month:"short",day:"numeric",hour:"2-digit",minute:"2-digit",second:"2-digit"});}catch(_){fmt=null;}
Array.prototype.forEach.call(document.querySelectorAll("time[data-local]"),function(el){
var d=new Date(el.getAttribute("datetime"));if(!fmt||isNaN(d.getTime()))return;
el.setAttribute("title",el.getAttribute("datetime"));el.textContent=fmt.format(d);});
Array.prototype.forEach.call(document.querySelectorAll("select[data-autosubmit]"),function(s){
s.addEventListener("change",function(){if(s.form)s.form.submit();});});
})();`;
