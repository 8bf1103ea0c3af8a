/**
 * The report's only script: filters and sorts the failing-cases table. It reads rows already rendered
 * (and escaped) on the server side, so no case text ever passes through JavaScript strings into HTML.
 */
export const SCRIPT = `(function(){
var table=document.getElementById("cases");if(!table)return;
var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
var text=rows.map(function(r){return r.textContent.toLowerCase();});
var q=document.getElementById("q"),shown=document.getElementById("shown"),empty=document.getElementById("no-match");
var selects=Array.prototype.slice.call(document.querySelectorAll("select[data-filter]"));
function apply(){var s=q.value.trim().toLowerCase(),n=0;
rows.forEach(function(r,i){var ok=!s||text[i].indexOf(s)>=0;
selects.forEach(function(sel){if(ok&&sel.value&&r.getAttribute("data-"+sel.getAttribute("data-filter"))!==sel.value)ok=false;});
r.hidden=!ok;if(ok)n++;});shown.textContent=String(n);empty.hidden=n>0;}
q.addEventListener("input",apply);selects.forEach(function(s){s.addEventListener("change",apply);});
Array.prototype.forEach.call(table.querySelectorAll("th.sortable"),function(th){th.addEventListener("click",function(){
var col=th.cellIndex,dir=th.getAttribute("data-dir")==="asc"?"desc":"asc";
Array.prototype.forEach.call(table.querySelectorAll("th.sortable"),function(o){o.removeAttribute("data-dir");});
th.setAttribute("data-dir",dir);
var order=rows.map(function(r,i){var c=r.cells[col],n=c.getAttribute("data-sort");
return {r:r,i:i,k:n===null?c.textContent.trim().toLowerCase():Number(n)};});
order.sort(function(a,b){var c=a.k<b.k?-1:a.k>b.k?1:a.i-b.i;return dir==="asc"?c:-c;});
order.forEach(function(o){body.appendChild(o.r);});rows=order.map(function(o){return o.r;});text=order.map(function(o){return text[o.i];});
});});
apply();})();`;
