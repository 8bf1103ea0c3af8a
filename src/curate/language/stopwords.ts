/**
 * Frequent function words of the languages the identifier tells apart by words (Latin and Cyrillic
 * scripts). Written for this project from general knowledge of each language; short words shared by
 * several languages count for each of them, and the distinctive ones decide.
 */
export const STOPWORDS: Readonly<Record<string, string>> = {
  en: "the and of to is that it for was on are with as this be at have from or by not but what all were when we there can an which their has would will you they he she how do does my your i me about if been had who",
  de: "der die und das ist nicht ein eine zu den von mit sich des auf für im dem es auch als an nach wie bei oder aus wird sind noch wurde war werden ich sie wir aber dass einen einer hat zum zur über kann mir mich ihr",
  fr: "le la les et des est un une du en que qui dans pour pas au sur ce il elle sont avec plus se ne par je vous nous mais ou été cette aux son sa ses leur être avoir comme tout très était fait",
  es: "el la los las de y que en un una es por con para del se no lo al su sus como más pero fue este esta son ha está muy también entre sobre cuando yo sin hay ser todo puede qué cómo",
  it: "il di che e la un una per non sono con del della dei le lo gli si ma come anche più nel nella alla al da questo questa è era ha ho essere cosa molto io suo sua loro tutti",
  pt: "o a os as de que e do da dos das em um uma para com não no na se por mais mas foi ao ele ela são é está muito também isso seu sua você eu como pelo pela entre quando já",
  nl: "de het een en van is dat in op te zijn niet met voor er maar die ook als aan om bij nog worden wordt werd door naar dit wat ik je hij zij we heeft hebben kan meer zo uit geen deze tot over",
  sv: "och att det som en på är av för med till den har de inte om ett var jag men så från vid kan man när eller också han hon vi sig sin efter där ska hade bara detta dessa skulle",
  da: "og at det er en til på af for med som den de ikke har et var jeg men så fra kan når eller også han hun vi sig sin efter der skal havde kun dette disse ville blev være mig hvad",
  fi: "ja on ei se että oli hän ovat mutta tai kun myös jos niin joka mitä tämä nämä ole olla vain kuin sen siitä sitä hänen minä sinä me he ne kanssa jälkeen koska vielä voi olen mikä",
  pl: "i w nie na się z do to że jest jak o co ale od po tak za przez dla jego jej są był była było tym ten ta czy ich mnie już tylko przy może bardzo także gdy oraz",
  cs: "a je se na v že to s z o do i jako ale by pro jsou byl byla bylo jeho její které který která tak jak po ve ze si už jen při mezi také nebo aby když není jsem",
  ro: "și de la în a cu pe nu un o care este sunt din pentru mai ca se că fost sau al ale lui ei acest această dar prin după foarte fi au am sa cel cea acesta",
  tr: "ve bir bu da de için ile ne çok daha olarak olan gibi ama en her ki mi o ben sen biz var yok değil kadar sonra şey nasıl neden veya olduğu ise tarafından bunu şu göre",
  hu: "a az és hogy nem is egy meg van volt ez azt de csak már mint még vagy ki mi el fel le sem kell lesz lehet ha nagyon pedig minden amely amit aki után között ezt ők",
  id: "yang dan di ini itu dengan untuk tidak dari dalam akan pada juga ke ada atau saya kita kami mereka bisa sudah oleh karena seperti tetapi lebih sebagai telah apa bagaimana adalah satu hanya jika kepada anda",
  vi: "và của là có không được trong cho với các những một người đã này để khi từ cũng như về đến tôi bạn nhưng thì sẽ ra nhiều năm vào theo làm sau nên họ rất",
  ru: "и в не на что я с он как это по но к у из за то от о же так для все она его был была мы вы они только уже или бы если ее их когда есть также при этот",
  uk: "і в не на що я з він як це по але до у від за та так для все вона його був була ми ви вони тільки вже або б якщо її їх коли є також при цей щоб",
  bg: "и в не на че аз с той като това по но до от за да се така всички тя беше ние вие те само вече или ако когато е са при този която който които ще",
};
