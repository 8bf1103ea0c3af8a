/**
 * Common given names across the languages a support chat or a CRM export usually holds (English,
 * German, Dutch, Nordic, Finnish, French, Italian, Spanish, Portuguese, Central and Eastern
 * European, Greek, Turkish, Arabic, Hebrew, Indian, East Asian). Written for this project from
 * general knowledge, not from any evaluation data. Matching is on the capitalised form.
 */
const NAMES = `
Aaron Abby Abigail Ada Adam Adrian Adriana Agnes Aidan Aiden Alan Albert Alberto Alejandro Aleksander Alex Alexa Alexander
Alexandra Alexandre Alexis Alfie Alfred Alfredo Ali Alice Alicia Alison Allan Allison Alma Amanda Amber Amelia Amy Ana
Anastasia Andrea Andreas Andrew Andrzej Andy Angela Angelica Angelo Anita Ann Anna Anne Annette Annie Anthony Antoine
Anton Antonio Antonia April Arthur Ashley Audrey Austin Ava Barbara Beatrice Becky Ben Benjamin Bernard Beth Bethany
Betty Beverly Bianca Bill Billy Blake Bob Bobby Bonnie Brad Bradley Brandon Brenda Brian Bridget Brittany Brooke Bruce
Bruno Bryan Caitlin Caitlyn Caleb Cameron Camila Candice Carl Carla Carlos Carly Carmen Carol Carole Caroline Carolyn
Carrie Casey Catherine Cathy Cecilia Chad Charles Charlie Charlotte Chelsea Cheryl Chloe Chris Christian Christina
Christine Christopher Cindy Claire Clara Clarence Claudia Clifford Colin Connor Courtney Craig Crystal Curtis Cynthia
Daisy Dale Dan Dana Daniel Daniela Danielle Danny Darren Dave David Dawn Dean Debbie Deborah Debra Denise Dennis Derek
Diana Diane Dominic Don Donald Donna Doris Dorothy Douglas Dylan Earl Eddie Edgar Edith Edward Edwin Eileen Elaine
Eleanor Elena Eli Elijah Elisa Elisabeth Elizabeth Ella Ellen Ellie Elliot Emily Emma Eric Erica Erik Erika Erin Ernest
Esther Ethan Eugene Eva Evan Evelyn Felix Fiona Florence Frances Francesca Francis Frank Fred Freddie Frederick Gabriel
Gabriella Gail Gary Gavin Gemma Gene George Georgia Gerald Gina Glenn Gloria Gordon Grace Graham Greg Gregory Hailey
Hannah Harold Harriet Harry Harvey Hazel Heather Helen Henry Herbert Holly Howard Hugh Hunter Ian Isaac Isabel Isabella
Isabelle Ivan Jack Jackie Jacob Jacqueline Jade Jake James Jamie Jane Janet Janice Jared Jasmine Jason Jay Jean Jeff
Jeffrey Jenna Jennifer Jenny Jeremy Jerry Jesse Jessica Jill Jim Jimmy Jo Joan Joanna Joanne Joe Joel John Johnny
Jon Jonathan Jordan Joseph Josephine Josh Joshua Joy Joyce Judith Judy Julia Julian Julie Justin Kaitlyn Karen Kate
Katherine Kathleen Kathryn Kathy Katie Katrina Kay Keith Kelly Ken Kenneth Kevin Kim Kimberly Kirsten Kyle Laura Lauren
Lawrence Leah Lee Leo Leon Leonard Leslie Liam Lily Linda Lindsay Lisa Logan Lois Lori Louis Louise Lucas Lucy Luke
Lydia Lynn Madeline Madison Maggie Marcus Margaret Maria Marian Marie Marilyn Marion Mark Martha Martin Mary Mason
Matt Matthew Maureen Max Megan Melanie Melissa Mia Michael Michele Michelle Mike Mildred Mitchell Molly Monica Nancy
Natalie Nathan Nathaniel Neil Nicholas Nick Nicola Nicole Noah Norma Norman Oliver Olivia Oscar Owen Paige Pamela
Patricia Patrick Paul Paula Pauline Peggy Penelope Peter Philip Phillip Phyllis Rachel Ralph Randy Raymond Rebecca
Regina Rhonda Richard Rick Ricky Rita Rob Robert Roberta Robin Rodney Roger Ronald Rose Rosemary Ross Roy Ruby Russell
Ruth Ryan Sabrina Sally Sam Samantha Samuel Sandra Sara Sarah Scarlett Scott Sean Sebastian Seth Shane Shannon Sharon
Shawn Sheila Shirley Simon Sofia Sophia Sophie Stacy Stanley Stephanie Stephen Steve Steven Stuart Sue Susan Suzanne
Sydney Sylvia Tammy Tanya Tara Taylor Teresa Terry Theodore Theresa Thomas Tiffany Tilly Tim Timothy Tina Toby Todd
Tom Tommy Tony Tracy Travis Trevor Troy Tyler Valerie Vanessa Victor Victoria Vincent Violet Virginia Walter Wanda
Warren Wayne Wendy Wesley William Willie Wyatt Yvonne Zachary Zoe
Achim Anke Annika Bernd Birgit Dieter Dirk Elke Frieda Friedrich Gerhard Gisela Gudrun Günter Günther Hans Hannelore
Heike Heinrich Heinz Helga Helmut Herbert Hildegard Horst Ingrid Jörg Jürgen Karin Karl Katrin Klaus Kurt Lukas Manfred
Matthias Monika Nadine Rainer Renate Rolf Sabine Sebastian Siegfried Silke Stefan Susanne Sven Torsten Ulrich Ursula
Uta Ute Uwe Volker Werner Wolfgang Lena Leonie Jonas Finn Niklas Tobias Florian Johannes Jan Jens Fabian Moritz Paulina
Anouk Bram Daan Dirk Femke Joost Lotte Maarten Pieter Ruud Sanne Sem Thijs Wouter Jeroen Kees Marieke
Anders Astrid Bjørn Bo Emil Erik Freja Frida Gustav Henrik Ida Inger Ingrid Jens Jesper Johan Karin Kasper Kirsten
Lars Leif Mads Magnus Malin Mette Mikael Nils Ole Oskar Rasmus Sigrid Signe Solveig Stig Svend Søren Thor Tove Ulla
Linnea Elin Ebba Alva Maja Tuva Ingvild Sindre Håkon Eirik Kjell Knut Torbjørn Trond Vidar Kari Liv Randi Åse Hege
Jóhann Guðrún Sigurður Gunnar Ólafur Kristín Helga Björk Einar Halldór Vilhjálmur Sigríður Ragnar Þór Þórunn
Aino Antti Eino Eero Heikki Ilkka Jari Juha Jukka Kaija Kalle Kari Kirsi Leena Liisa Marja Matti Mikko Minna
Pekka Pirjo Riitta Sari Satu Seppo Siiri Tapani Tarja Timo Tuomas Tuula Veikko Ville Aleksi Aapo Elina Hanna Johanna
Ainoa Adrien Alain Amélie Anaïs Aurélie Benoît Camille Cécile Céline Chantal Christophe Claude Clément Colette Delphine
Denis Didier Dominique Élise Émile Étienne Fabrice François Françoise Gaëlle Geneviève Gérard Guillaume Hélène
Henri Hugo Isabelle Jacques Jean Jérôme Joël Julien Laurent Léa Louis Lucie Luc Manon Marc Marcel Margaux Mathieu
Maxime Michel Monique Nathalie Nicolas Olivier Pascal Patrice Philippe Pierre Rémi Renaud René Sandrine Sébastien
Serge Simone Solène Stéphane Sylvie Thierry Valérie Véronique Vincent Yves Zoé
Alessandro Alessia Andrea Angela Antonella Antonio Beatrice Carlo Chiara Cristina Davide Domenico Elena Elisa Emanuele
Enrico Fabio Federica Federico Filippo Francesca Francesco Gabriele Giacomo Gianluca Gianni Giorgia Giorgio Giovanna
Giovanni Giulia Giulio Giuseppe Greta Ilaria Lorenzo Luca Lucia Luigi Marco Mario Martina Massimo Matteo Mattia Maurizio
Michela Michele Nicola Paola Paolo Pietro Riccardo Roberto Rosa Salvatore Sara Serena Silvia Simona Stefano Tommaso
Valentina Vittoria Leone Milena Orazio Rocco Sergio Stella Teresa Umberto Vincenzo
Adriana Agustín Alberto Alejandra Alfonso Álvaro Ana Andrés Ángel Antonia Beatriz Blanca Carlos Carmen Catalina Cristian
Diego Dolores Eduardo Elena Emilio Enrique Esteban Eva Felipe Fernanda Fernando Francisco Gabriel Gonzalo Guadalupe
Guillermo Gustavo Hugo Ignacio Inés Isabel Jaime Javier Jesús Jorge José Josefa Juan Juana Julio Laura Leticia Lorena
Lucía Luis Manuel Manuela Marcela Marcos Margarita María Mariana Marta Martín Mateo Mercedes Miguel Mónica Natalia
Nicolás Pablo Patricia Pedro Pilar Rafael Ramón Raúl Ricardo Roberto Rocío Rodrigo Rosa Rosario Santiago Sergio
Silvia Sofía Teresa Tomás Valentina Verónica Vicente Víctor Yolanda Julieta Joaquim
Afonso Antônio Bruna Caio Camila Conceição Daniela Eduarda Fábio Fernanda Gabriela Gonçalo Guilherme Helena Henrique
Isadora Joana João Júlia Larissa Leonardo Letícia Lucas Luíza Marcelo Matheus Mariana Otávio Paulo Rafaela Renata
Rodrigo Thiago Tiago Vitória Vinícius
Ádám Ágnes Andrea András Anikó Attila Balázs Barnabás Béla Bence Berta Csaba Dániel Dávid Dóra Edit Endre
Erika Erzsébet Eszter Ferenc Gábor Gergely György Gyula Ibolya Ildikó Imre István Judit Julianna Katalin Klára
Krisztián Krisztina Károly László Levente Lilla Magda Márk Márta Mátyás Mihály Miklós Nikolett Noémi Norbert Orsolya
Péter Réka Rita Róbert Sándor Szabina Szilvia Tamás Tibor Tímea Viktor Viktória Zoltán Zsófia Zsolt Zsuzsanna
Adéla Alena Aleš Barbora Dagmar Eliška Hana Ilona Ivana Jana Jaroslav Jiří Josef Kateřina Lenka Libor Lucie Marek
Markéta Martina Michal Milan Miroslav Monika Ondřej Pavel Pavla Petr Petra Radek Šárka Stanislav Tereza Tomáš
Václav Věra Vladimír Vojtěch Zdeněk Zuzana Jozef Marie Růžena
Agata Agnieszka Aleksandra Alicja Anna Barbara Bartosz Bogdan Dariusz Dominika Ewa Grzegorz Halina Irena
Jacek Jadwiga Jakub Janusz Jerzy Joanna Julia Kamil Kamila Katarzyna Kazimierz Krystyna Krzysztof Łukasz Maciej
Magdalena Małgorzata Marcin Mariusz Marta Mateusz Michał Natalia Patryk Paweł Piotr Rafał Robert Sławomir Stanisław
Szymon Tadeusz Tomasz Urszula Wiesław Wojciech Zbigniew Zofia Żaneta
Albin Aleksandra Alenka Anže Bojan Boštjan Branko Darko Dragan Goran Igor Ivo Jožef Jure Katja Ljubica Luka Maja Marija
Marjan Matej Mateja Mirjana Nada Nataša Nina Polona Primož Rok Tanja Tina Urška Vesna Zoran Žiga
Aleksandr Aleksei Alexei Alla Anatoly Andrei Anya Arkady Artem Boris Dmitri Dmitry Fedor Galina Gennady
Grigory Igor Ilya Irina Ivan Katya Konstantin Ksenia Larisa Lev Lyudmila Maksim Marina Mikhail Nadezhda Natasha
Nikita Nikolai Oksana Oleg Olga Pavel Pyotr Roman Ruslan Sergei Sergey Svetlana Tatiana Tatyana Timur
Vadim Valentin Valentina Valery Vasily Viktor Vladimir Vladislav Yana Yekaterina Yelena Yevgeny Yulia Yuri Zhanna Faina
Alexandros Anastasios Angeliki Antonis Athanasios Christos Dimitra Dimitris Eleni Evangelia Georgios Giorgos Ioannis
Katerina Konstantinos Kostas Maria Nikos Panagiotis Sofia Spyros Stavros Theodoros Vasiliki Yiannis
Ahmet Ayşe Burak Can Cem Deniz Elif Emine Emre Fatma Hakan Hasan Hüseyin İbrahim Kemal Mehmet Murat Mustafa Özlem Selin
Abdullah Ahmad Ahmed Aisha Amir Amira Fatima Hamza Hassan Hussein Ibrahim Jamal Karim Khalid Layla Leila Mahmoud Mariam
Mohamed Mohammad Mohammed Muhammad Mustafa Nadia Omar Rami Rania Sami Samir Tariq Yasmin Yousef Youssef Zainab Zeynep
Avi Eitan Noa Tamar Yael Yosef Moshe Shira Ariel Itai Oren Rivka
Aarav Aditi Aditya Amit Ananya Anil Anjali Arjun Deepak Divya Ganesh Gaurav Kavya Krishna Lakshmi Manish Meera Neha
Nikhil Pooja Prakash Priya Rahul Raj Rajesh Ravi Rohan Sanjay Shreya Sunil Suresh Vijay Vikram Vivek
Akira Aiko Daiki Haruka Haruto Hiroshi Hiroko Kaito Kenji Keiko Mei Miyu Naoki Riku Sakura Satoshi Sho Takashi Takumi
Yuki Yuko Yuna Yusuke Ryo Kenta Hina Naomi
Wei Jing Li Ming Hui Xiao Yan Jun Hao Lei Fang Ying Min Jie Tao Chen Hua Jin Ji-woo Min-jun Seo-yeon Ji-hoon Hyun
`;

/** Names that are also everyday words or places: a person only with a surname or a cue. */
export const AMBIGUOUS_FIRST_NAMES: ReadonlySet<string> = new Set(
  "April Art August Bill Bo Can Christian Dawn Don Faith Georgia Grace Guy Hope Ivy Jack Jordan Joy June Lee Liv Mark May Max Min Pat Rose Ruby Sky Sue Summer Will Virginia Hunter Austin Sydney Chelsea Florence Victoria Taylor Li Wei Jean Page Paige Gene Sam Ray Rich Jan Kay Eve Tao Lei Hua".split(
    " ",
  ),
);

export const FIRST_NAMES: ReadonlySet<string> = new Set(NAMES.split(/\s+/).filter((n) => n.length > 1));
