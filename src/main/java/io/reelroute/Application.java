package io.reelroute; public class Application { public static void main(String[] a){} }
